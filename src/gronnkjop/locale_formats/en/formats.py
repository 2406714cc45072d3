# The product is Norwegian: English pages keep Norwegian dates and numbers (dd.mm.åååå, 1 234,50).
from gronnkjop.locale_formats.nb.formats import *  # noqa: F403
