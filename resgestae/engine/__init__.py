"""Engines that code a corpus too big for one process: ``ray`` (a Ray Data pipeline over a
cluster, an optional extra: ``pip install 'resgestae[ray]'``) writing ``parquet`` folders,
and ``local`` (processes on this machine, behind ``--workers``). Nothing here imports Ray
until a Ray batch runs."""
