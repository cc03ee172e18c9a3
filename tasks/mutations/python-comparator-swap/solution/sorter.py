"""A small stable merge sort, used where the sort order must be explicit."""


def _identity(item):
    return item


def sort_items(items, key=None):
    """Return a new list with ``items`` in ascending order of ``key(item)``.

    The sort is stable: items whose keys compare equal keep their input order.
    ``items`` itself is not modified. ``key`` defaults to the item itself.
    """
    key = _identity if key is None else key
    keyed = [(key(item), item) for item in items]
    return [item for _, item in _merge_sort(keyed)]


def _merge_sort(pairs):
    if len(pairs) <= 1:
        return list(pairs)
    middle = len(pairs) // 2
    return _merge(_merge_sort(pairs[:middle]), _merge_sort(pairs[middle:]))


def _merge(left, right):
    merged = []
    i = j = 0
    while i < len(left) and j < len(right):
        # Take from the left run on ties, so equal keys keep their order.
        if left[i][0] <= right[j][0]:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            j += 1
    merged.extend(left[i:])
    merged.extend(right[j:])
    return merged
