"""`quizapp serve`: the page and everything it loads come from this server, so it works offline (issue 10)."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient, TestServer

from quizapp.tui.serve import make_server, offline_templates


def test_the_page_template_links_nothing_on_the_internet(tmp_path):
    page = (offline_templates(tmp_path) / "app_index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in page
    # xmlns in an inline SVG is a name, not a request; every href/src/url() must be local.
    external = re.findall(r"""(?:href|src)=["'](https?://[^"']+)|url\(["']?(https?://[^)"']+)""", page)
    assert external == []
    assert 'font-family: "Roboto Mono"' in page and "fonts/RobotoMono-VariableFont_wght.ttf" in page


async def test_the_served_page_and_every_file_it_loads_come_from_the_server(tmp_path):
    server = make_server(data_dir=tmp_path)
    app = await server._make_app()  # the aiohttp application textual-serve would run
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/")
        assert response.status == 200
        page = re.sub(r'xmlns="[^"]*"', "", await response.text())  # a name in the inline SVG, not a request
        loaded = re.findall(r"""(?:href|src)=["'](https?://[^"']+)|url\(["']?(https?://[^)"']+)""", page)
        urls = {a or b for a, b in loaded}
        # Every file the page loads is on this server (textual-serve writes them with its public URL).
        assert all(url.startswith(server.public_url + "/static/") for url in urls), urls
        assert any(url.endswith(".ttf") for url in urls) and any(url.endswith(".js") for url in urls)
        for url in urls:
            assert (await client.get(url.removeprefix(server.public_url))).status == 200, url
