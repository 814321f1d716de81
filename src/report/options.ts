/** What every reporter factory receives. */
export interface ReporterOptions {
  /** Folder for report files (`junit.xml`, `results.json`); created when missing. */
  outDir: string;
  /** Where console output goes, usually `process.stdout`. */
  stream: NodeJS.WritableStream;
  /** ANSI colour in console output; the CLI decides (TTY, `NO_COLOR`, `--color`). */
  color: boolean;
  /**
   * Console: also list each step of every case as it ends.
   * @default false
   */
  verbose?: boolean;
  /**
   * Console: print only the failures and the verdict (no header, no line per case, no skips).
   * @default false
   */
  quiet?: boolean;
  /**
   * The environment the run sees, for CI integrations: `GITHUB_STEP_SUMMARY` (a Markdown summary
   * is appended to that file). Reporters never read `process.env` themselves.
   * @default {}
   */
  env?: Record<string, string | undefined>;
}
