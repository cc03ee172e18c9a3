// An in-memory store with an asynchronous API, standing in for a database.
// Each save completes on a later turn of the event loop, like real I/O.
export class MemoryStore {
  #items = [];

  async save(item) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.#items.push(item);
  }

  count() {
    return this.#items.length;
  }

  all() {
    return [...this.#items];
  }
}
