"""`kg serve`: the web page and SPARQL endpoint (kept out of kg/cli.py, which registers it)."""
from __future__ import annotations

import signal

import click


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback shows the graph to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.01),
              help="Seconds a SPARQL query may run before the endpoint answers 408.")
@click.option("--max-bytes", default=50_000_000, show_default=True, type=click.IntRange(1),
              help="Largest SPARQL result the endpoint sends (413 past it).")
@click.option("--quiet", is_flag=True, help="Do not log each request.")
@click.pass_context
def serve(ctx, host, port, open_browser, timeout, max_bytes, quiet):
    """Serve the graph read-only: a web page of who met whom (network, timeline,
    evidence) at / and a SPARQL 1.1 endpoint at /sparql. Ctrl-C stops it.

    \b
    Example:
        kg --store ~/kg-store serve --port 8000 --open
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' http://127.0.0.1:8000/sparql
    """
    from kg.cli import Unusable, _open
    from kg.web.app import make_server

    store = _open(ctx, read_only=True)
    try:
        server = make_server(store, host, port, timeout=timeout, max_bytes=max_bytes, quiet=quiet)
    except OSError as exc:
        store.close()
        raise Unusable(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port") from None
    bound_host, bound_port = server.server_address[:2]
    shown = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
    url = f"http://{shown}:{bound_port}/"
    if not _loopback(host):
        click.echo(f"warning: listening on {host}: the graph is visible to anyone on the network "
                   f"(use --host 127.0.0.1 to keep it on this machine)", err=True)
    click.echo(f"kg serving {store.location} (read-only) at {url}  ·  SPARQL endpoint {url}sparql  ·  Ctrl-C stops")
    if open_browser:
        import webbrowser  # only here: every kg command loads this module

        webbrowser.open(url)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl-C
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.server_close()
        store.close()
