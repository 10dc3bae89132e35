"""netscan: how strong is each relationship in your contact exports, and what is it good for?"""

__version__ = "0.1.0"
