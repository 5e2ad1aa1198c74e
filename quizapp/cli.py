"""The ``quizapp`` command line: commands only; the work happens in the domain packages."""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import Annotated, Optional

import typer

from quizapp.errors import DeckError, QuizappError
from quizapp.paths import DATA_DIR_ENV

_state: dict[str, object] = {"debug": False}


class _ReportingGroup(typer.core.TyperGroup):
    """Turns an error of any command into one plain message and exit status 1, never a traceback."""

    def invoke(self, ctx: typer.Context) -> object:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (QuizappError, OSError) as exc:
            if _state.get("debug"):
                traceback.print_exc()
            message = str(exc)
            if isinstance(exc, OSError) and exc.strerror:
                message = f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
            typer.echo(f"error: {message}", err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=_ReportingGroup,
    name="quizapp",
    help="Turn articles into quiz decks and study them in the terminal with spaced repetition.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DataDirOption = Annotated[
    Optional[Path],
    typer.Option("--data-dir", help="Where scores and history live (default: $QUIZAPP_DATA_DIR or the platform's user data folder)."),
]

@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    data_dir: DataDirOption = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    """With no command, open the study app on the decks it finds."""
    _state["debug"] = debug
    if data_dir is not None:
        # Commands read the data directory through quizapp.paths, which honours the
        # environment variable; restore it afterwards so one invocation never leaks
        # into the next (tests run many in one process).
        previous = os.environ.get(DATA_DIR_ENV)
        os.environ[DATA_DIR_ENV] = str(data_dir)
        ctx.call_on_close(lambda: _restore_env(DATA_DIR_ENV, previous))
    if ctx.invoked_subcommand is None:
        _launch_tui(decks=[], data_dir=data_dir)


def _restore_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _launch_tui(decks: list[Path], data_dir: Path | None, mode: str = "home", count: int | None = None) -> None:
    try:
        from quizapp.tui.app import run_app
    except ImportError:  # the TUI is not built yet: list the decks instead
        decks_command(paths=decks, data_dir=data_dir)
        return
    run_app(deck_paths=decks, data_dir=data_dir, mode=mode, count=count)


@app.command("decks")
def decks_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Extra deck files or folders to include.")] = None,
    data_dir: DataDirOption = None,
) -> None:
    """List the decks found (bundled, your deck folder, and PATHS) with their card counts."""
    from quizapp.deck.discovery import discover_decks
    from quizapp.paths import user_decks_dir

    found = discover_decks(paths or [], data_dir)
    if not found:
        typer.echo("No decks found.")
    else:
        width = max(len(d.title) for d in found)
        for entry in found:
            if entry.error:
                typer.echo(f"{'(invalid)':<{width}}  {'-':>5}         {entry.origin:<7}  {entry.path}  — {entry.error}")
            else:
                typer.echo(f"{entry.title:<{width}}  {entry.cards:>5} cards  {entry.origin:<7}  {entry.path}")
    typer.echo(f"Your deck folder: {user_decks_dir(data_dir)}")


@app.command("validate")
def validate_command(
    decks: Annotated[list[Path], typer.Argument(help="Deck files (or folders of them) to check.")],
) -> None:
    """Check deck files; exit 1 listing every problem when any is invalid."""
    from quizapp.deck.discovery import expand_deck_paths
    from quizapp.deck.yaml_io import load_deck

    files, problems = expand_deck_paths(decks)
    for problem in problems:
        typer.echo(str(problem), err=True)
    failed = len(problems)
    for path in files:
        try:
            deck = load_deck(path)
        except DeckError as exc:
            failed += 1
            for problem in exc.problems:
                typer.echo(str(problem), err=True)
        else:
            typer.echo(f"{path}: ok ({len(deck.cards)} cards, {len(deck.study_items())} study items)")
    if failed:
        typer.echo(f"{failed} of {len(files) + len(problems)} deck(s) invalid", err=True)
        raise typer.Exit(1)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the deck format (for editors' YAML language servers)."""
    from quizapp.deck.schema import deck_json_schema

    typer.echo(json.dumps(deck_json_schema(), indent=2, ensure_ascii=False))


def main() -> None:
    """Entry point: every QuizappError becomes one message and exit status 1."""
    try:
        app()
    except QuizappError as exc:
        if _state.get("debug"):
            traceback.print_exc()
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
