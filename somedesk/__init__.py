"""somedesk: post on LinkedIn and X in the micro-moments of your working week."""

__version__ = "0.1.0"
