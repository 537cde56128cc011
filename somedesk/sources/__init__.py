"""Reading and writing the outside world: files, folders, downloads, dictionaries, the system zone."""
