import { substituteTemplate } from '../../common/template.js';
import type { PlannedCase } from '../../model/index.js';
import type { CliIo } from '../io.js';
import { println } from '../io.js';
import type { Target } from '../../run/target.js';

/**
 * `--dry-run`: the requests a run would send, case by case, without sending any. Variables the
 * run knows are filled in; captures (a created job's id) stay as `{{name}}`.
 */
export function printDryRun(planned: PlannedCase[], target: Target, io: CliIo): void {
  const known: Record<string, string | undefined> = { servicePrincipalId: target.servicePrincipalId, templateId: target.templateId };
  const fill = (text: string): string => substituteTemplate(text, (name, written) => known[name] ?? written);
  println(io.stdout, `Dry run against ${target.label}: nothing is sent.\n`);
  for (const p of planned) {
    println(io.stdout, `${p.case.level} ${p.case.id}${p.skip ? `  (skipped: ${p.skip.message})` : ''}`);
    for (const [phase, steps] of [['', p.case.steps], ['cleanup ', p.case.cleanup]] as const) {
      for (const step of steps) {
        const body = step.request.json !== undefined ? ` ${fill(JSON.stringify(step.request.json))}` : step.request.raw !== undefined ? ` ${fill(step.request.raw)}` : '';
        println(io.stdout, `  ${phase}${step.name}: ${step.request.method} ${target.baseUrl}${fill(step.request.path)}${body}`);
      }
    }
  }
  println(io.stdout, `\n${planned.length} case(s)`);
}
