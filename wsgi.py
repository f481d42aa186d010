"""gunicorn entry point: gunicorn wsgi:app"""

from ideaportal import create_app

app = create_app()
