// At most N uploaded files imported at once per process (IMPORT_CONCURRENCY): each import holds a
// file's worth of parsing, staging and zip inflation, and several at once multiplied the server's
// memory. The rest wait their turn in arrival order.
export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  get active(): number {
    return this.running;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line, so a newcomer cannot overtake it.
      if (next) next();
      else this.running--;
    }
  }
}

const globalKey = Symbol.for("belastning.importSlots");
type WithSlots = typeof globalThis & { [globalKey]?: Slots };

/** One set of slots per process, however often the server bundle is evaluated. */
export function importSlots(size: number): Slots {
  const g = globalThis as WithSlots;
  g[globalKey] ??= new Slots(size);
  return g[globalKey]!;
}
