"""The ``quizapp`` command line: commands only; the work happens in the domain packages."""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from quizapp.errors import DeckError, QuizappError

if TYPE_CHECKING:
    from quizapp.storage.datadir import DataDirAccess
from quizapp.paths import DATA_DIR_ENV

_state: dict[str, object] = {"debug": False}


class _ReportingGroup(typer.core.TyperGroup):
    """Turns an error of any command into one plain message and exit status 1, never a traceback.

    Also reads ``quizapp DECK...`` (a path where a command would be) as ``quizapp open DECK...``.
    """

    # typer only exports its Context subclass; the base method is typed with its private vendored click's.
    def resolve_command(  # type: ignore[override]
        self, ctx: typer.Context, args: list[str]
    ) -> tuple[str | None, Any, list[str]]:
        if args and args[0] not in self.commands and _looks_like_path(args[0]):
            args = ["open", *args]
        return super().resolve_command(ctx, args)

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


def _use_data_dir(ctx: typer.Context, data_dir: Path | None) -> Path | None:
    """Make ``--data-dir`` the data directory of the whole invocation.

    Code that has no data dir handed to it (the deck cache) reads it through
    quizapp.paths, which honours the environment variable; it is restored when the
    command ends so one invocation never leaks into the next (tests run many in one process).
    """
    if data_dir is not None:
        previous = os.environ.get(DATA_DIR_ENV)
        os.environ[DATA_DIR_ENV] = str(data_dir)
        ctx.call_on_close(lambda: _restore_env(DATA_DIR_ENV, previous))
    return data_dir


DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        callback=_use_data_dir,
        help="Where scores and history live (default: $QUIZAPP_DATA_DIR or the platform's user data folder).",
    ),
]


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    data_dir: DataDirOption = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    """With no command, open the study app on the decks it finds."""
    _state["debug"] = debug
    if ctx.invoked_subcommand is None:
        _launch_tui(decks=[], data_dir=data_dir)


def _looks_like_path(arg: str) -> bool:
    """Whether a word where a command was expected names a deck file or folder rather than a mistyped command."""
    return Path(arg).exists() or "/" in arg or os.sep in arg or arg.endswith((".yaml", ".yml"))


@app.command("open")
def open_command(
    decks: Annotated[list[Path], typer.Argument(help="Deck files or folders to list besides the usual ones.")],
    data_dir: DataDirOption = None,
) -> None:
    """Open the study app with these decks listed too (also: quizapp DECK...)."""
    from quizapp.errors import QuizappError

    missing = [str(path) for path in decks if not path.exists()]
    if missing:
        raise QuizappError(f"no such file or folder: {', '.join(missing)}")
    _launch_tui(decks=decks, data_dir=data_dir)


def _restore_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _launch_tui(
    decks: list[Path], data_dir: Path | None, mode: str = "home", count: int | None = None, **options: object
) -> None:
    from quizapp.tui.app import run_app

    run_app(deck_paths=decks, data_dir=data_dir, mode=mode, count=count, **options)


#: Short names accepted by ``quiz --types`` besides the card types themselves.
_TYPE_ALIASES = {"mc": "multiple_choice", "choice": "multiple_choice", "tf": "true_false", "flash": "flashcard"}


def _card_types(values: list[str] | None) -> set[str] | None:
    """``--types typed,mc --types cloze`` as a set of card types; a clear error for unknown ones."""
    from quizapp.deck.model import CARD_TYPES

    if not values:
        return None
    chosen: set[str] = set()
    for value in values:
        for name in filter(None, (part.strip().lower().replace("-", "_") for part in value.split(","))):
            name = _TYPE_ALIASES.get(name, name)
            if name not in CARD_TYPES:
                raise typer.BadParameter(f"unknown card type {name!r}; choose from {', '.join(CARD_TYPES)} (or mc, tf)")
            chosen.add(name)
    return chosen


@app.command("study")
def study_command(
    deck: Annotated[Path, typer.Argument(help="The deck file to study.")],
    data_dir: DataDirOption = None,
) -> None:
    """Study a deck with spaced repetition: due cards first, then new ones."""
    from quizapp.deck.yaml_io import load_deck

    load_deck(deck)  # a broken deck is reported here, as one message, before the screen opens
    _launch_tui(decks=[deck], data_dir=data_dir, mode="study")


@app.command("quiz")
def quiz_command(
    deck: Annotated[Path, typer.Argument(help="The deck file to be quizzed on.")],
    count: Annotated[
        int | None, typer.Option("-n", "--count", min=1, help="Number of questions (default: all).")
    ] = None,
    types: Annotated[
        list[str] | None,
        typer.Option(
            "--types",
            help="Card types to ask, comma-separated: flashcard, typed, multiple_choice (mc), true_false (tf), cloze.",
        ),
    ] = None,
    time_limit: Annotated[
        float | None, typer.Option("--time-limit", min=1, help="Seconds allowed per question.")
    ] = None,
    schedule: Annotated[
        bool, typer.Option("--schedule/--no-schedule", help="Also record the answers as reviews in the study schedule.")
    ] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Take a quiz on a deck (test mode): N questions, a score at the end, no scheduling changes."""
    from quizapp.deck.yaml_io import load_deck

    chosen = _card_types(types)
    load_deck(deck)
    _launch_tui(
        decks=[deck],
        data_dir=data_dir,
        mode="quiz",
        count=count,
        types=chosen,
        time_limit=time_limit,
        update_schedule=schedule,
    )


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "localhost",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    data_dir: DataDirOption = None,
) -> None:
    """Serve the study app to a web browser (through textual-serve)."""
    from quizapp.tui.serve import serve

    typer.echo(f"Open http://{host}:{port} in a browser (Ctrl+C stops the server).")
    serve(host=host, port=port, data_dir=data_dir)


@app.command("decks")
def decks_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Extra deck files or folders to include.")] = None,
    data_dir: DataDirOption = None,
) -> None:
    """List the decks found (bundled, your deck folder, and PATHS) with their card counts."""
    from quizapp.deck.discovery import discover_decks
    from quizapp.paths import BUNDLED_DECKS_DIR, user_decks_dir

    found = discover_decks(paths or [], data_dir)
    if not found:
        typer.echo("No decks found.")
    else:
        _echo_table(_decks_table(found))
    typer.echo(f"Bundled decks: {BUNDLED_DECKS_DIR}")
    typer.echo(f"Your deck folder: {user_decks_dir(data_dir)}")
    from quizapp.paths import data_dir as resolve_data_dir
    from quizapp.storage.datadir import DataDirError, check_data_dir

    try:
        check_data_dir(resolve_data_dir(data_dir))
    except DataDirError as exc:  # listing needs no data folder, but the user should know it is unusable
        typer.echo(f"warning: {exc}", err=True)


def _decks_table(found: list) -> object:
    """The decks as a table that fits the terminal: files of the two deck folders by name, given files by path."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    table.add_column("Deck", ratio=3, overflow="fold")
    table.add_column("Cards", justify="right", no_wrap=True)
    table.add_column("From", no_wrap=True)
    table.add_column("File", ratio=2, overflow="fold")
    for entry in found:
        where = entry.path.name if entry.origin in ("bundled", "user") else str(entry.path)
        if entry.error:
            title = Text(entry.title)
            title.append(f"\n{entry.error}", style="red")
            table.add_row(title, Text("invalid", style="red"), entry.origin, where)
        else:
            table.add_row(Text(entry.title), str(entry.cards), entry.origin, where)
    return table


def _echo_table(table: object) -> None:
    """Print a Rich renderable at the terminal's width (80 columns when not a terminal)."""
    from rich.console import Console

    Console(soft_wrap=False, highlight=False).print(table)


@app.command("validate")
def validate_command(
    decks: Annotated[list[Path], typer.Argument(help="Deck files (or folders of them) to check.")],
    data_dir: DataDirOption = None,
) -> None:
    """Check deck files; exit 1 listing every problem when any is invalid."""
    from quizapp.deck.discovery import expand_deck_paths
    from quizapp.deck.yaml_io import load_deck
    from quizapp.wording import plural

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
            typer.echo(
                f"{path}: ok ({plural(len(deck.cards), 'card')}, {plural(len(deck.study_items()), 'study item')})"
            )
    if failed:
        typer.echo(f"{failed} of {plural(len(files) + len(problems), 'deck')} invalid", err=True)
        raise typer.Exit(1)


@app.command("schema")
def schema_command(data_dir: DataDirOption = None) -> None:
    """Print the JSON Schema of the deck format (for editors' YAML language servers)."""
    from quizapp.deck.schema import deck_json_schema

    typer.echo(json.dumps(deck_json_schema(), indent=2, ensure_ascii=False))


@app.command("stats")
def stats_command(
    decks: Annotated[
        list[Path] | None, typer.Argument(help="Deck files or folders (default: every deck found).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Print study statistics per deck and overall: cards due, reviews, accuracy, streak."""
    from quizapp.deck.discovery import discover_decks
    from quizapp.storage.datadir import open_store_for_reading
    from quizapp.study.scheduling import load_settings
    from quizapp.study.stats import collect_stats, format_stats_table, stats_json

    entries = discover_decks(decks or [], data_dir, include_default=not decks, keep_decks=True)
    with open_store_for_reading(data_dir) as store:  # works beside a running app, and in a read-only folder
        stats = collect_stats(store, entries, settings=load_settings(data_dir))
    if as_json:
        typer.echo(json.dumps(stats_json(stats), indent=2, ensure_ascii=False))
    else:
        from rich.console import Console

        typer.echo(format_stats_table(stats, width=Console().width))  # the terminal's width; 80 when not one


def _existing_database(data_dir: Path | None) -> Path:
    from quizapp.paths import database_path

    path = database_path(data_dir)
    if not path.is_file():
        raise QuizappError(
            f"there is no review database at {path} yet (nothing has been studied with this data folder)"
        )
    return path


@app.command("backup")
def backup_command(
    target: Annotated[
        Path | None, typer.Argument(help="Where to write the copy (default: the backups/ folder in the data folder).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace TARGET if it exists.")] = False,
    list_them: Annotated[bool, typer.Option("--list", help="List the backups in the data folder instead.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Copy the review database (safe while the app is running); --list shows the backups kept."""
    from quizapp.storage import backup
    from quizapp.storage.db import ReviewStore
    from quizapp.wording import plural

    if list_them:
        from quizapp.paths import database_path

        found = backup.list_backups(database_path(data_dir))
        if not found:
            typer.echo(f"No backups in {backup.backups_dir(database_path(data_dir))}.")
        for entry in found:
            local = entry.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            typer.echo(f"{local}  {entry.reason:<14}  {entry.path.stat().st_size / 1e6:7.2f} MB  {entry.path}")
        return
    with ReviewStore.open_file(_existing_database(data_dir)) as store:
        if target is None:
            written = backup.back_up(store.connection, store.path, "manual")
        else:
            written = backup.back_up_to(store.connection, target, overwrite=force)
    info = backup.inspect_database(written)
    typer.echo(
        f"Backed up {plural(info.reviews, 'review')} of {plural(info.decks, 'deck')} to {written} (integrity check ok)."
    )


def _claimed_for_writing(data_dir: Path | None, what: str) -> DataDirAccess:
    """The data folder claimed as the app claims it, or stop (exit 1) saying who holds it or why it is read-only."""
    from quizapp.storage.datadir import claim_data_dir

    access = claim_data_dir(data_dir)
    if not access.writable:
        access.release()
        raise QuizappError(f"{what} needs to write: {access.read_only_reason}")
    return access


@app.command("restore")
def restore_command(
    source: Annotated[Path, typer.Argument(help="The backup to restore (see `quizapp backup --list`).")],
    data_dir: DataDirOption = None,
) -> None:
    """Replace the review database with a backup; the current database is backed up first."""
    from quizapp.paths import database_path
    from quizapp.storage.backup import restore
    from quizapp.wording import plural

    with _claimed_for_writing(data_dir, "restore"):  # never replace the database under a running app
        result = restore(source, database_path(data_dir))
    typer.echo(
        f"Restored {plural(result.restored.reviews, 'review')} of {plural(result.restored.decks, 'deck')} from {source}."
    )
    if result.previous_backup:
        typer.echo(f"The database it replaced is kept in {result.previous_backup}.")


@app.command("doctor")
def doctor_command(
    decks: Annotated[
        list[Path] | None, typer.Argument(help="Extra deck files or folders to search for moved decks.")
    ] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Re-link moved decks and archive orphaned reviews.")] = False,
    delete_orphans: Annotated[
        bool, typer.Option("--delete-orphans", help="With --fix: delete orphaned reviews instead of archiving them.")
    ] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Check the review database: integrity, reviews of cards no deck has, decks whose files moved."""
    from quizapp.errors import StorageError
    from quizapp.storage.db import ReviewStore
    from quizapp.storage.doctor import examine, format_report, good_backup, repair

    if delete_orphans and not fix:
        raise typer.BadParameter("--delete-orphans only makes sense with --fix")
    database = _existing_database(data_dir)
    # Repairs never race a running app: the folder is held as the app holds it until they are done.
    claim = _claimed_for_writing(data_dir, "doctor --fix") if fix else None
    try:
        store = ReviewStore.open_file(database)
    except StorageError as exc:
        sound = good_backup(database)
        hint = f"; the newest backup that passes its check: quizapp restore {sound}" if sound else ""
        raise StorageError(f"{exc}{hint}") from exc
    with store:
        report = examine(store, decks or [], data_dir)
        typer.echo(format_report(report))
        if fix:
            for line in repair(store, report, delete_orphans=delete_orphans):
                typer.echo(line)
            repaired_integrity = not report.integrity_ok
            report = examine(store, decks or [], data_dir)
            if repaired_integrity and report.integrity_ok:
                # The other checks were skipped on the damaged file: run them now.
                typer.echo(format_report(report))
                for line in repair(store, report, delete_orphans=delete_orphans):
                    typer.echo(line)
                report = examine(store, decks or [], data_dir)
    if claim is not None:
        claim.release()
    if not report.healthy():
        raise typer.Exit(1)


ArticlesArgument = Annotated[
    list[str], typer.Argument(help="Article files (.txt, .md, .html); '-' reads standard input.")
]
DateOption = Annotated[
    str | None, typer.Option("--date", help="Publication date YYYY-MM-DD (overrides what the articles say).")
]
DefaultDateOption = Annotated[
    str | None,
    typer.Option(
        "--default-date", help="Publication date YYYY-MM-DD for articles that state none (their own date wins)."
    ),
]


@app.command("facts")
def facts_command(
    articles: ArticlesArgument,
    date: DateOption = None,
    default_date: DefaultDateOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print every mention as JSON.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Show the people, places, organizations, dates and numbers found in articles."""
    from quizapp.facts.extract import extract_facts
    from quizapp.facts.report import facts_as_json, facts_as_text
    from quizapp.ingest import parse_date_option, read_articles

    found = extract_facts(
        read_articles(articles, parse_date_option(date), parse_date_option(default_date, "--default-date"))
    )
    if as_json:
        typer.echo(json.dumps(facts_as_json(found), indent=2, ensure_ascii=False))
    else:
        typer.echo(facts_as_text(found))


@app.command("generate")
def generate_command(
    articles: ArticlesArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="Deck file to write (YAML).")],
    title: Annotated[str | None, typer.Option("--title", help="Deck title (default: the article's title).")] = None,
    date: DateOption = None,
    default_date: DefaultDateOption = None,
    max_cards: Annotated[
        int | None, typer.Option("--max-cards", help="At most this many cards (default: about 15 per 1,000 words).")
    ] = None,
    min_estimate: Annotated[
        float | None,
        typer.Option(
            "--min-estimate",
            help="Keep only cards the ranker estimates at least this likely (0-1) to be good: fewer, better cards.",
        ),
    ] = None,
    types: Annotated[
        str | None,
        typer.Option(
            "--types",
            help="Comma-separated card types: multiple_choice,typed,true_false,cloze,flashcard (default: all but flashcard).",
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed for distractors and card types; same input and seed, same deck.")
    ] = 0,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Print, per sentence, the candidates made and why each was kept, dropped or ranked low."
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace DECK.yaml if it exists (otherwise asked on a terminal, refused elsewhere)."
        ),
    ] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Turn articles into a deck of questions and write it to -o DECK.yaml."""
    _may_replace(output, force)  # asked before the work, not after a minute of it
    from quizapp.deck.model import Deck
    from quizapp.deck.yaml_io import save_deck
    from quizapp.ingest import parse_date_option
    from quizapp.questions.generate import ProgressCallback, generate_deck

    wanted = {t.strip().replace("-", "_") for t in types.split(",") if t.strip()} if types else None
    from quizapp.questions.explain import format_report, summary
    from quizapp.questions.model import GenerationReport
    from quizapp.wording import plural

    report = GenerationReport(every_form=explain)
    on_date, default_on = parse_date_option(date), parse_date_option(default_date, "--default-date")

    def run(progress: ProgressCallback | None = None) -> Deck:
        return generate_deck(
            articles,
            title=title,
            date=on_date,
            max_cards=max_cards,
            types=wanted,
            seed=seed,
            default_date=default_on,
            report=report,
            progress=progress,
            min_estimate=min_estimate,
        )

    try:
        if sys.stderr.isatty():  # one long article takes a while too: the bar counts the pieces of text parsed
            from rich.console import Console
            from rich.progress import Progress

            with Progress(transient=True, console=Console(stderr=True)) as bar:
                task = bar.add_task("Generating", total=None)
                deck = run(
                    lambda done, total, message: bar.update(task, completed=done, total=total, description=message)
                )
        else:
            deck = run()
    except QuizappError:
        if explain:
            typer.echo(format_report(report))
        raise
    save_deck(deck, output)
    for path, note in report.shortened.items():
        typer.echo(f"note: {path}: {note}", err=True)
    if explain:
        typer.echo(format_report(report))
    elif report.notes:
        typer.echo(summary(report), err=True)
    typer.echo(f"{output}: {plural(len(deck.cards), 'card')} from {plural(len(deck.sources), 'article')}")


def _interactive() -> bool:
    """Whether someone is at a terminal to answer a question."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def _may_replace(path: Path, force: bool) -> None:
    """Stop unless ``path`` is new, ``--force`` was given, or the user says yes at the terminal."""
    if force or not (path.exists() or path.is_symlink()):
        return
    if path.is_dir():
        raise QuizappError(f"{path} is a folder; give a file name with -o")
    if _interactive():
        if typer.confirm(f"{path} exists. Replace it?", default=False, err=True):
            return
        typer.echo(f"{path} was left as it was.", err=True)
        raise typer.Exit(1)
    raise QuizappError(f"{path} exists; pass --force to replace it, or choose another file with -o")


@app.command("export")
def export_command(
    deck: Annotated[Path, typer.Argument(help="The deck file to export.")],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File to write: .apkg (Anki package), .csv or .tsv (Anki's text import), .txt (Quizlet's import box).",
        ),
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Write a deck as an Anki package (.apkg), a CSV/TSV file for Anki's text import, or .txt for Quizlet."""
    from quizapp.deck.yaml_io import load_deck
    from quizapp.interop.convert import check_can_write, export_deck

    loaded = load_deck(deck)
    check_can_write(output, force)
    report = export_deck(loaded, output)
    for line in report.lines():
        typer.echo(line, err=True)
    typer.echo(f"{output}: {len(loaded.cards)} cards exported")


@app.command("import")
def import_command(
    source: Annotated[
        Path, typer.Argument(help="File to import: .apkg, .colpkg, .csv, .tsv or .txt (or a .yaml deck).")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Deck file to write (default: your deck folder).")
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Deck title (default: the Anki deck's or the file's name).")
    ] = None,
    with_history: Annotated[
        bool,
        typer.Option("--with-history", help="Also import Anki's review history, so scheduling continues where it was."),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Turn an Anki package or an Anki/Quizlet text export into a quizapp deck; list what could not be carried."""
    from quizapp.deck.yaml_io import dump_deck, load_deck, parse_deck, save_deck
    from quizapp.interop.convert import (
        ANKI_PACKAGE_SUFFIXES,
        ImportResult,
        check_can_write,
        import_file,
        import_history,
    )
    from quizapp.interop.report import InteropError, TransferReport
    from quizapp.paths import user_decks_dir

    if output is None:
        output = user_decks_dir(data_dir) / f"{source.stem}.yaml"
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise typer.BadParameter(f"{output}: the deck to write must be a .yaml file", param_hint="--output")
    check_can_write(output, force)
    if with_history and source.suffix.lower() not in ANKI_PACKAGE_SUFFIXES:
        raise InteropError("--with-history needs an Anki package (.apkg or .colpkg); other files carry no history")
    if source.suffix.lower() in (".yaml", ".yml"):
        result = ImportResult(load_deck(source), TransferReport())
    else:
        result = import_file(source, title)
    parse_deck(dump_deck(result.deck), str(output))  # only a deck that reads back valid is written
    save_deck(result.deck, output)
    for line in result.report.lines():
        typer.echo(line, err=True)
    typer.echo(f"{output}: {len(result.deck.cards)} cards imported from {source.name}")
    if with_history:
        for line in import_history(result, output, data_dir).lines():
            typer.echo(f"history: {line}", err=True)


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
