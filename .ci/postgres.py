"""Start or stop a throwaway PostgreSQL with pgvector for CI (the pgserver package).

python .ci/postgres.py start DIR DBNAME   prints a SQLAlchemy URL for the new database
python .ci/postgres.py stop DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

import pgserver


def main() -> None:
    action, folder = sys.argv[1], Path(sys.argv[2])
    if action == "start":
        name = sys.argv[3]
        server = pgserver.get_server(folder, cleanup_mode=None)  # keeps running after we exit
        server.psql(f'DROP DATABASE IF EXISTS "{name}";')
        server.psql(f'CREATE DATABASE "{name}";')
        print(f"postgresql+psycopg://postgres:@/{name}?host={folder}")
    elif action == "stop" and (folder / "PG_VERSION").exists():
        pgserver.get_server(folder, cleanup_mode="stop").cleanup()


if __name__ == "__main__":
    main()
