"""About and methodology: what the data is, how consent works, that the demo is synthetic."""

from __future__ import annotations

from flask import render_template

from service.pages.blueprint import blp


@blp.route("/about")
def about():
    return render_template("about.html")
