/**
 * Saves every item of `items` to `store`, in order, and resolves to the
 * number of items the store holds once all of them are saved.
 * If a save fails, the returned promise rejects with that error.
 */
export async function saveAll(store, items) {
  for (const i of items) {
    await store.save(i);
  }
  return store.count();
}
