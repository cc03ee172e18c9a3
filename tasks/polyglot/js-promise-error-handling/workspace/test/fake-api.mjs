// A stand-in for a remote API: every call completes on a later turn of the
// event loop, and some ids do not exist.
const ITEMS = new Map([
  ["a", { id: "a", name: "Apple" }],
  ["b", { id: "b", name: "Banana" }],
  ["c", { id: "c", name: "Cherry" }],
  ["d", { id: "d", name: "Date" }],
]);

export async function fetchItem(id) {
  // Later ids answer sooner, so completion order differs from request order.
  await new Promise((resolve) => setTimeout(resolve, 8 - Math.min(7, id.charCodeAt(0) - 96)));
  const item = ITEMS.get(id);
  if (!item) throw new Error(`item ${id} not found`);
  return item;
}
