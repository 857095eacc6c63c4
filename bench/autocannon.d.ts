// Minimal typings for the parts of autocannon 9's programmatic API the benchmarks use.
declare module 'autocannon' {
  interface Histogram { average: number; mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p99: number; total: number }
  interface Request {
    method?: string; path?: string; headers?: Record<string, string>; body?: string;
    setupRequest?: (req: Request, context: Record<string, unknown>) => Request | null | undefined;
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
  }
  interface Options {
    url: string; connections?: number; duration?: number; amount?: number; pipelining?: number; timeout?: number;
    method?: string; headers?: Record<string, string>; body?: string; requests?: Request[]; workers?: number; sampleInt?: number;
  }
  interface Result {
    duration: number; requests: Histogram; latency: Histogram; throughput: Histogram;
    errors: number; timeouts: number; non2xx: number; '2xx': number; '4xx': number; '5xx': number;
  }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
