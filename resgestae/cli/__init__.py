"""The ``resgestae`` command: thin click commands over the library."""
