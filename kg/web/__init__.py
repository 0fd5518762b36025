"""`kg serve`: a read-only web page of who met whom, and a SPARQL 1.1 Protocol endpoint.

    app.py       routes, security headers, ThreadingHTTPServer (standard library only)
    endpoint.py  /sparql: the SPARQL 1.1 Protocol, read-only, timeout and size limit
    data.py      people index, network, timeline (kg/queries/_web-*.rq, bound values)
    facts.py     facts with their evidence sentences: evidence panel, person and article pages
    pages.py     server-rendered HTML, everything escaped
    static/      app.js, app.css, Cytoscape.js (MIT, cytoscape.LICENSE)

Never imports spaCy: it only reads the store.
"""
