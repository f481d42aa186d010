"""gunicorn entry point: gunicorn wsgi:app"""

import threading

from ideaportal import create_app

app = create_app()


def _warm_up() -> None:
    """Load the embedding model in the background as the worker starts, so the first person
    typing an idea does not wait seconds for similar ideas."""
    from ideaportal.dedup.services import engine

    with app.app_context():
        try:
            engine().encoder.encode(["warm up"])
        except Exception:  # the search still works, lazily, if this fails
            app.logger.exception("embedding model warm-up failed")


threading.Thread(target=_warm_up, name="model-warm-up", daemon=True).start()
