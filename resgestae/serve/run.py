"""``serve``: the application on uvicorn, bound to localhost unless told otherwise, with
bounded connections, request heads and keep-alive."""

from __future__ import annotations

from pathlib import Path

__all__ = ["serve"]


def serve(
    db_path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 10.0,
    log_level: str = "info",
) -> None:
    """Serve the store at ``db_path`` until interrupted (``StoreError`` if it cannot be
    opened read-only)."""
    import uvicorn

    from resgestae.serve.app import create_app

    app = create_app(db_path, timeout=timeout)
    try:
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level=log_level,
            limit_concurrency=64,  # more open requests get 503 rather than queueing forever
            timeout_keep_alive=5,
            h11_max_incomplete_event_size=16 * 1024,  # bytes of request line and headers
            server_header=False,
        )
    finally:
        app.state.reader.close()
