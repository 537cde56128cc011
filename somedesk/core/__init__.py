"""The rules of the product in pure Python: no Qt, no network, no disk beyond what is handed in."""
