"""The `fanshelf` command: archive tasks by name, and Django's own commands for the rest."""

from __future__ import annotations

import os
import sys

# fanshelf COMMAND -> the Django management command that does it. Commands not listed here are
# passed to Django unchanged (check, shell, createsuperuser, ...).
DJANGO_COMMANDS = {
    "serve": "serve",
    "demo": "demo",
    "import": "import_works",
    "createuser": "createuser",
    "migrate": "migrate",
    "worker": "run_huey",
    "reindex": "reindex",
    "generate": "generate",
    "load-fandom": "load_fandom",
    "backup": "backup",
    "restore": "restore",
}
# Commands that need no archive at all: "module:function" taking the remaining arguments.
STANDALONE_COMMANDS = {
    "analyze": "fanshelf.analysis.commands:analyze_main",
    "eval": "fanshelf.analysis.commands:eval_main",
}

USAGE = """usage: fanshelf COMMAND [ARGS]

  serve        run the archive's web server (gunicorn) at http://127.0.0.1:8000
  demo         create the archive with a sample library and serve it
  import       post works from .txt, .md or .html files: fanshelf import PATH... --pseud NAME
  createuser   create an account: fanshelf createuser NAME --email ADDRESS
  migrate      create or update the database tables
  worker       run background jobs (search indexing, story analysis)
  reindex      rebuild the search index, resuming a crashed run: fanshelf reindex [--from-scratch]
  generate     add a synthetic archive for load tests: fanshelf generate --works N [--seed S]
  load-fandom  load fandom packs into the tag database: fanshelf load-fandom PACK... [--bundled]
  backup       write the whole archive to one file, while it runs: fanshelf backup [PATH]
  restore      fill a new, empty archive from a backup: fanshelf restore PATH
  analyze      analyse a story file: fanshelf analyze FILE [--fandom-pack PACK] [--json];
               re-analyse the whole archive: fanshelf analyze --all
  eval         score the analyser against a labels file: fanshelf eval LABELS [--json]
  (any Django management command works too, e.g. `fanshelf check --deploy`)

Settings come from the environment: FANSHELF_HOME, DATABASE_URL, REDIS_URL, ...
"""


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    if argv[0] in {"--version", "version"}:
        from importlib.metadata import version

        print(f"fanshelf {version('fanshelf')}")
        return 0
    command, rest = argv[0], argv[1:]
    if command == "analyze" and "--all" in rest:
        command = "analyze_works"  # the archive's works, not a file
    if command in STANDALONE_COMMANDS:
        module_name, function_name = STANDALONE_COMMANDS[command].split(":")
        module = __import__(module_name, fromlist=[function_name])
        return getattr(module, function_name)(rest)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanshelf.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import ManagementUtility

    class FanshelfUtility(ManagementUtility):
        """Django's command runner, finding `fanshelf worker` under its Django name while its
        usage line keeps the name the user typed."""

        def fetch_command(self, subcommand):
            return super().fetch_command(DJANGO_COMMANDS.get(subcommand, subcommand))

    try:
        if not _asks_for_help(command, rest):
            from fanshelf.settings import prepare_data_folder

            prepare_data_folder()  # the SQLite database needs its folder
        FanshelfUtility(["fanshelf", command, *rest]).execute()
    except ImproperlyConfigured as error:
        print(f"fanshelf: {error}", file=sys.stderr)
        return 2
    return 0


def _asks_for_help(command: str, rest: list[str]) -> bool:
    return command == "help" or bool({"-h", "--help", "--version"} & set(rest))


if __name__ == "__main__":
    sys.exit(main())
