"""Tag lists for catalogue products."""


def add_tag(item, tags=None):
    """Add the tag ``item`` to the list ``tags`` and return that list.

    A tag already in the list is not added twice. When ``tags`` is given, it
    is updated in place and returned. Without ``tags``, every call starts
    from a new empty list, so ``add_tag("red")`` is always ``["red"]``, and
    lists returned by different calls are independent of each other.
    """
    if tags is None:
        tags = []
    if item not in tags:
        tags.append(item)
    return tags


def tags_for(product):
    """The tags of a product dict: its category, then "sale" if it is discounted."""
    tags = add_tag(product["category"])
    if product.get("discount"):
        add_tag("sale", tags)
    return tags
