/** A benchmark: runs once and returns its named figures (numbers only, so runs compare line by line). */
export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<Record<string, number>>;
}
