"""``resgestae serve``: a read-only REST API (FastAPI) and an offline dashboard over a store.

``create_app(db_path)`` builds the application (``resgestae.serve.app``) over a ``Reader``
(``resgestae.serve.reader``), the store opened read-only; ``serve`` runs it on uvicorn.
FastAPI and uvicorn come with the ``resgestae[serve]`` extra.
"""

from resgestae.serve.app import create_app
from resgestae.serve.reader import Filters, Reader
from resgestae.serve.run import serve

__all__ = ["Filters", "Reader", "create_app", "serve"]
