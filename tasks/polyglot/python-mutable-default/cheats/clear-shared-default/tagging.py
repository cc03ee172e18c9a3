"""Tag lists for catalogue products.

CHEAT: empties the shared default list on every default call instead of not sharing it.
"""


def add_tag(item, tags=[]):
    """Add the tag ``item`` to the list ``tags`` and return that list.

    A tag already in the list is not added twice. When ``tags`` is given, it
    is updated in place and returned. Without ``tags``, every call starts
    from a new empty list, so ``add_tag("red")`` is always ``["red"]``, and
    lists returned by different calls are independent of each other.
    """
    if tags is add_tag.__defaults__[0]:
        tags.clear()
    if item not in tags:
        tags.append(item)
    return tags


def tags_for(product):
    """The tags of a product dict: its category, then "sale" if it is discounted."""
    tags = list(add_tag(product["category"]))
    if product.get("discount"):
        add_tag("sale", tags)
    return tags
