"""netscan: how strong is each relationship in your contact exports, and what is the network good for?"""

__version__ = "0.1.0"
