// Serialises writes to the store: at most one in progress, and any number of requests made
// meanwhile collapse into one more write of the newest state.

export class SaveQueue {
  private running: Promise<void> | null = null;
  private wanted = false;

  constructor(private readonly write: () => Promise<void>, private readonly onError: (e: unknown) => void) {}

  request(): void {
    this.wanted = true;
    this.running ??= this.run();
  }

  /** Resolves once nothing is waiting to be written. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  private async run(): Promise<void> {
    try {
      while (this.wanted) {
        this.wanted = false;
        await this.write();
      }
    } catch (e) {
      this.onError(e);
    } finally {
      this.running = null;
    }
  }
}
