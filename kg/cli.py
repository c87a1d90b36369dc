"""The ``kg`` command: a thin layer over the library.

Each command parses its options, calls one library function and prints the
result; library errors (`KGError`) become a one-line message and exit code 2.
Heavy libraries are imported inside the commands so ``kg --help`` is instant.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .errors import KGError

app = typer.Typer(add_completion=False, no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})


def _print_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"kg {version('wuzhen-kg')}")
        except PackageNotFoundError:
            typer.echo("kg: version unknown (the package is not installed: pip install -e .)")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """Build, query and draw the World Internet Conference knowledge graph."""


def _fail(exc: KGError) -> None:
    typer.secho(f"error: {exc}", fg="red", err=True)
    raise typer.Exit(2)


@app.command()
def build(
    seeds: Path = typer.Option(Path("seeds"), help="Folder of articles: .txt, .md and saved web pages (.html, .htm, "
                                                    ".shtml); every other file is listed as skipped."),
    curated: Path = typer.Option(Path("ontology/curated"), help="Curated facts: a YAML file or a folder of them."),
    no_curated: bool = typer.Option(False, "--no-curated", help="Extraction only: ignore curated facts."),
    out: Path = typer.Option(Path("out"), help="Output folder, replaced atomically with the store that kg query "
                                               "and kg serve read (.OUT.store beside it, not committed)."),
    base: Optional[str] = typer.Option(None, help="Base IRI for the graph's resources (default: $KG_BASE or w3id)."),
    cache: Path = typer.Option(Path(".kg-cache"), help="Extraction cache: unchanged articles are not re-extracted."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Extract every article afresh."),
) -> None:
    """Build the graph from SEEDS and curated facts into OUT."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .pipeline import build as run_build

    console = Console(stderr=True)
    try:
        rate = TextColumn("{task.fields[rate]}")
        # Off the terminal the bar only leaves a blank line, which would break "one line per error".
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), rate,
                      TimeRemainingColumn(), TextColumn("{task.fields[doc]}"), console=console,
                      transient=True, disable=not console.is_terminal) as progress:
            task = progress.add_task("extracting", total=None, doc="", rate="")

            def advance(name: str) -> None:
                progress.update(task, advance=1, doc=name)
                speed = progress.tasks[0].speed
                progress.update(task, rate=f"{speed:.0f} docs/s" if speed else "")

            result = run_build(
                seeds=seeds, curated=None if no_curated else curated, out=out, base=base,
                cache=None if no_cache else cache,
                on_start=lambda n: progress.update(task, total=n),
                progress=advance,
                on_stage=lambda name: progress.update(task, description=name, doc=""),
            )
    except KGError as exc:
        _fail(exc)
    _summary(console, result)


def _summary(console, result) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"built {result.out}/", show_header=False)
    table.add_row("documents", f"{result.documents} ({result.from_cache} not extracted again)")
    # Escaped: a file named "notes [draft].txt" must not lose "[draft]" as rich markup.
    table.add_row("skipped", escape(", ".join(f"{s.path} ({s.reason})" for s in result.skipped)) or "none")
    if result.warnings:
        table.add_row("warnings", escape("; ".join(result.warnings)))
    table.add_row("statements", str(result.statements))
    table.add_row("triples", str(result.triples))
    table.add_row("relation tuples", ", ".join(f"{k} {v}" for k, v in result.relation_counts.items()))
    table.add_row("conflicts", str(result.conflicts))
    table.add_row("SHACL", "conforms" if result.conforms else "[red]violations: see report.md[/red]")
    table.add_row("store", result.store)
    table.add_row("seconds", f"{sum(result.seconds.values()):.1f} ("
                  + ", ".join(f"{stage} {took:.1f}" for stage, took in result.seconds.items()) + ")")
    console.print(table)


@app.command("eval")
def eval_(
    gold: Path = typer.Option(..., help="Gold tuples (JSON Lines, ../shared/gold/FORMAT.md)."),
    docs: Path = typer.Option(Path("seeds"), help="Folder of articles to build from (extraction only)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score extraction against GOLD: P/R/F1 per relation and micro-averaged."""
    from .api import evaluate_folder

    try:
        evaluation = evaluate_folder(gold, docs)
    except KGError as exc:
        _fail(exc)
    if as_json:
        typer.echo(json.dumps(evaluation.as_json(), ensure_ascii=False, indent=1))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"{docs} vs {gold}")
    for column in ("relation", "gold", "predicted", "matched", "P", "R", "F1"):
        table.add_column(column, justify="right" if column != "relation" else "left")
    for s in evaluation.scores + [evaluation.micro]:
        table.add_row(s.relation, str(s.gold), str(s.predicted), str(s.matched),
                      f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
    console.print(table)
    for title, rows in (("missed", evaluation.missed), ("wrong", evaluation.wrong)):
        if rows:
            console.print(f"[bold]{title} ({len(rows)})[/bold]")
            for row in rows:
                console.print("  " + json.dumps({k: v for k, v in row.items() if k != "evidence"}, ensure_ascii=False),
                              markup=False, highlight=False)


@app.command()
def export(
    format: str = typer.Option("relations", help="relations | turtle | trig | nt | jsonld | graphml | gexf "
                                                "(GraphML and GEXF: the entity graph for Gephi and Cytoscape)"),
    out: Path = typer.Option(Path("out"), help="Built output folder to read."),
) -> None:
    """Print an export of the built graph (relation tuples by default)."""
    names = {"relations": "relations.jsonl", "turtle": "kg.ttl", "trig": "kg.trig", "nt": "kg.nt", "jsonld": "kg.jsonld",
             "graphml": "kg.nt", "gexf": "kg.nt"}
    if format not in names:
        _fail(KGError(f"--format: choose one of {', '.join(names)}"))
    path = out / names[format]
    if not path.exists():
        _fail(KGError(f"{path}: not built yet; run `kg build` first"))
    if format in ("graphml", "gexf"):
        from .network import to_networkx, write_graph

        try:
            sys.stdout.buffer.write(write_graph(to_networkx(path), format))
        except KGError as exc:
            _fail(exc)
        return
    sys.stdout.write(path.read_text(encoding="utf-8"))


@app.command()
def viz(
    lang: str = typer.Option("zh", help="Label language: zh or en (falls back to the other)."),
    focus: Optional[str] = typer.Option(None, help="Draw only the neighbourhood of the entity with this label or alias."),
    hops: int = typer.Option(1, help="With --focus: how many edges away to go."),
    max_nodes: int = typer.Option(1500, help="Draw at most this many entities (the most connected), with a notice."),
    data: Path = typer.Option(Path("out/kg.ttl"), help="RDF file to draw (Turtle, TriG, N-Triples, JSON-LD...)."),
    output: Path = typer.Option(Path("out/graph.html"), "-o", "--output", help="HTML file to write."),
) -> None:
    """Draw the graph as a self-contained interactive HTML page."""
    from .graphstore import open_graph
    from .viz import render_graph
    from .write import write_text

    if lang not in ("zh", "en"):
        _fail(KGError("--lang: choose zh or en"))
    if max_nodes < 1 or hops < 0:
        _fail(KGError("--max-nodes: give 1 or more" if max_nodes < 1 else "--hops: give 0 or more"))
    if not data.exists():
        _fail(KGError(f"{data}: not found; run `kg build` first"))
    try:
        store, notice = open_graph(data)
        page = render_graph(store, lang, focus=focus, hops=hops, max_nodes=max_nodes)
    except KGError as exc:
        _fail(exc)
    if notice:
        typer.secho(notice, err=True, fg="yellow")
    try:  # in place: -o may be a link, a page with its own mode, or /dev/stdout
        write_text(output, page)
    except OSError as exc:
        _fail(KGError(f"{output}: cannot write the page: {exc.strerror}"))
    typer.echo(f"wrote {output}")


# A column keeps at least this many characters (or its widest value, if narrower).
_MIN_COLUMN = 8


def _print_table(result) -> None:
    """The rows as a table whose columns wrap long values instead of cutting
    them; when the columns cannot all fit the terminal, say how to see every
    value whole."""
    # rich costs ~15 ms to import, which only the table needs.
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    cells = [[Text("" if value is None else value) for value in row] for row in result.rows]
    table = Table()
    for index, name in enumerate(result.variables):
        widest = max([len(name)] + [row[index].cell_len for row in cells])
        table.add_column(Text(name), overflow="fold", min_width=min(widest, _MIN_COLUMN))
    for row in cells:
        table.add_row(*row)
    console.print(table)
    if 1 + sum(column.min_width + 3 for column in table.columns) > console.width:
        typer.secho(f"{len(table.columns)} columns do not fit in {console.width} characters, so some values are cut: "
                    "see every value whole with --format csv, tsv or json", err=True, fg="yellow")


@app.command("query")
def query_(
    query_text: Optional[str] = typer.Argument(None, metavar="QUERY", help="Canned query name, .rq file or SPARQL."),
    output_format: Optional[str] = typer.Option(
        None, "--format", help="Rows: table (default), csv, tsv, json, xml. Triples of CONSTRUCT and DESCRIBE: "
                               "turtle (default), nt, jsonld."),
    bom: bool = typer.Option(False, "--bom", help="With csv or tsv: start with a byte-order mark, so Excel reads UTF-8."),
    param: list[str] = typer.Option([], help="NAME=VALUE: bind ?NAME to VALUE, typed as the query declares "
                                             "(never spliced into the text)."),
    data: Path = typer.Option(Path("out/kg.nt"), help="RDF file to query (.nt, .ttl, .trig, .nq, .jsonld …)."),
    limit: int = typer.Option(1000, help="Print at most this many rows or triples."),
    list_queries: bool = typer.Option(False, "--list", help="List the canned queries and their parameters."),
) -> None:
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the graph."""
    from .results import ROW_FORMATS, TRIPLE_FORMATS, render
    from .sparql import canned_queries, query

    if list_queries:
        for canned in canned_queries().values():
            params = "".join(f"  --param {p}" for p in canned.params)
            typer.echo(f"{canned.name:14} {canned.description}{params}")
        return
    if not query_text:
        _fail(KGError("give a QUERY (a canned name, a .rq file or SPARQL text), or --list"))
    if output_format is not None and output_format not in ROW_FORMATS + TRIPLE_FORMATS:
        _fail(KGError(f"--format {output_format}: choose {', '.join(ROW_FORMATS + TRIPLE_FORMATS)}"))
    if limit < 0:
        _fail(KGError(f"--limit {limit}: give 0 or more rows"))
    params = {}
    for item in param:
        name, sep, value = item.partition("=")
        if not sep or not name.isidentifier():
            _fail(KGError(f"--param {item!r}: write NAME=VALUE"))
        if name in params:
            _fail(KGError(f"--param {name}: given twice ({params[name]!r}, {value!r}); give it once"))
        params[name] = value
    try:
        result = query(query_text, data=data, params=params, limit=limit)
        output_format = output_format or ("turtle" if result.kind == "graph" else "table")
        if result.kind == "select" and output_format == "table" and not bom:  # render refuses --bom with it
            _print_table(result)
        else:
            sys.stdout.write(render(result, output_format, bom=bom))
    except KGError as exc:
        _fail(exc)
    if result.notice:
        typer.secho(result.notice, err=True, fg="yellow")
    if result.more:
        typer.secho(f"showing the first {len(result.terms)} rows; raise --limit to see more", err=True, fg="yellow")
    elif result.kind == "graph" and result.total > len(result.triples):
        typer.secho(f"showing {len(result.triples)} of {result.total} triples; raise --limit to see more", err=True,
                    fg="yellow")


@app.command()
def serve(
    port: int = typer.Option(7878, help="TCP port (1-65535)."),
    bind: str = typer.Option("127.0.0.1", help="Address to listen on."),
    data: Path = typer.Option(Path("out/kg.trig"), help="RDF file to serve (TriG keeps the named graphs)."),
) -> None:
    """Serve the graph with the Oxigraph server and its query UI (Ctrl-C or SIGTERM stops it)."""
    from .store import serve as run_server

    def ready(url: str) -> None:
        typer.echo(f"serving {data} read-only; queries see the union of its graphs as the default graph\n"
                   f"  query UI:        {url}\n  SPARQL endpoint: {url}query\nCtrl-C stops it")

    try:
        status = run_server(data, port=port, bind=bind, ready=ready,
                            notice=lambda text: typer.secho(text, err=True, fg="yellow"))
    except KGError as exc:
        _fail(exc)
    raise typer.Exit(status)


@app.command()
def push(
    endpoint: str = typer.Option(..., help="Graph Store Protocol URL, e.g. http://localhost:7878/store (Oxigraph)."),
    graph: Optional[str] = typer.Option(None, help="With .ttl or .nt: the named graph to replace (default graph if omitted)."),
    user: Optional[str] = typer.Option(None, help="User for HTTP basic authentication."),
    password: Optional[str] = typer.Option(None, help="Password for HTTP basic authentication."),
    data: Path = typer.Option(Path("out/kg.ttl"), help=".ttl or .nt replace one graph; .trig or .nq replace the "
                                                       "store's whole dataset."),
    timeout: float = typer.Option(30.0, help="Seconds to wait for each attempt."),
    retries: int = typer.Option(4, help="Retries on 5xx answers and dropped connections."),
) -> None:
    """Replace a graph, or a whole dataset, in a triple store with the KG (HTTP PUT, so pushing twice is idempotent)."""
    from .store import push as run_push

    if timeout <= 0 or retries < 0:
        _fail(KGError("--timeout: give seconds above 0" if timeout <= 0 else "--retries: give 0 or more"))
    try:
        status = run_push(data, endpoint, graph=graph, user=user, password=password, timeout=timeout, retries=retries)
    except KGError as exc:
        _fail(exc)
    typer.echo(f"pushed {data} to {endpoint} (HTTP {status})")


if __name__ == "__main__":
    app()
