/**
 * The error loadAll rejects with: it names the item that could not be
 * loaded and keeps the original error as `cause`.
 */
export class LoadError extends Error {
  constructor(id, options) {
    super(`could not load item ${id}`, options);
    this.name = "LoadError";
    this.id = id;
  }
}

/**
 * Loads every id with `fetchItem(id)` (which returns a promise), all at the
 * same time, and resolves to the loaded items in the order of `ids`.
 *
 * If a load fails, loadAll rejects with a LoadError for that id whose
 * `cause` is the original error. It rejects as soon as the first load fails,
 * without waiting for the others.
 */
export async function loadAll(ids, fetchItem) {
  return Promise.all(ids.map((id) => fetchItem(id).catch((cause) => new LoadError(id, { cause }))));
}
