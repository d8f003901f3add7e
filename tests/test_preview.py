"""`subkit preview`: rebuilt on every save, findings placed by their paragraph, bad input survived."""

from __future__ import annotations

import shutil
import socket
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import EXAMPLES, ORAL_EXAMPLE, run_subkit
from lxml import html
from preview_helpers import TORTURE_ASK_ARTICLES, PreviewProcess, free_port, save

from submission_kit.pipeline.preview import HOST, Preview, make_server

LOI_EXAMPLE = EXAMPLES / "kaz-ccpr-list-of-issues.yaml"


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "statement.yaml"
    shutil.copy(ORAL_EXAMPLE, path)
    return path


def page_text(preview: Preview) -> str:
    return html.fromstring(preview.snapshot.page).text_content()


def block_text(preview: Preview, index: int) -> str:
    root = html.fromstring(preview.snapshot.page)
    return root.xpath(f"//*[@data-block='{index}']")[0].text_content()


def test_a_saved_edit_reaches_the_page(draft):
    preview = Preview(draft)
    first = preview.rebuild()
    assert "Thank you for this opportunity" in page_text(preview)
    save(draft, draft.read_text().replace("Thank you for this", "Many thanks for this"))
    second = preview.rebuild()
    assert second.version == first.version + 1
    assert "Many thanks for this opportunity" in page_text(preview)
    assert not second.stale


def test_an_unknown_article_is_shown_next_to_its_ask_and_the_last_page_kept(draft):
    preview = Preview(draft)
    good = preview.rebuild().page
    save(
        draft,
        draft.read_text().replace(TORTURE_ASK_ARTICLES, TORTURE_ASK_ARTICLES.replace("7", "77")),
    )
    snap = preview.rebuild()
    assert snap.level == "errors" and snap.stale
    assert snap.page == good
    (finding,) = [f for f in snap.findings if f["code"] == "SK201"]
    assert "article 77" in finding["message"] and finding["hint"]
    assert finding["where"].startswith(f"{draft}:")
    assert block_text(preview, finding["block"]).startswith("2.Demand that the authorities")


def test_fixing_the_error_removes_its_finding(draft):
    text = draft.read_text()
    preview = Preview(draft)
    preview.rebuild()
    save(draft, text.replace(TORTURE_ASK_ARTICLES, TORTURE_ASK_ARTICLES.replace("7", "77")))
    assert any(f["code"] == "SK201" for f in preview.rebuild().findings)
    save(draft, text)
    snap = preview.rebuild()
    assert not any(f["code"] == "SK201" for f in snap.findings)
    assert snap.level != "errors" and not snap.stale


def test_findings_of_a_list_of_issues_go_to_their_issue(tmp_path):
    draft = tmp_path / "loi.yaml"
    shutil.copy(LOI_EXAMPLE, draft)
    preview = Preview(draft)
    preview.rebuild()
    # The third issue (forced labour, article 8) gets an article the Covenant lacks.
    text = draft.read_text()
    assert text.count("articles: [8]") == 1
    save(draft, text.replace("articles: [8]", "articles: [80]"))
    (finding,) = [f for f in preview.rebuild().findings if f["code"] == "SK201"]
    assert "forced labour" in block_text(preview, finding["block"])


def test_a_deleted_draft_is_reported_and_its_last_page_kept(draft):
    preview = Preview(draft)
    good = preview.rebuild().page
    draft.unlink()
    snap = preview.rebuild()
    assert snap.level == "missing" and snap.page == good
    assert [f["code"] for f in snap.findings] == ["SK000"]
    assert "was deleted or moved" in snap.findings[0]["message"]
    shutil.copy(ORAL_EXAMPLE, draft)
    assert preview.rebuild().level != "missing"


def test_a_draft_broken_mid_edit_shows_the_yaml_error_and_keeps_the_page(draft):
    preview = Preview(draft)
    good = preview.rebuild().page
    save(draft, draft.read_text().replace("meeting: informal_briefing", "meeting: [informal"))
    snap = preview.rebuild()
    assert snap.page == good and snap.stale
    (finding,) = snap.findings
    assert finding["code"] == "SK001" and finding["where"].startswith(f"{draft}:")


def test_a_draft_that_is_not_text_is_a_finding_not_a_crash(draft):
    preview = Preview(draft)
    good = preview.rebuild().page
    draft.write_bytes(b"kind: oral_statement\n\xff\xfe\x00 broken")
    snap = preview.rebuild()
    assert snap.page == good and snap.level == "errors"
    assert snap.findings and all(f["message"] for f in snap.findings)


def test_a_draft_that_never_rendered_shows_its_findings_on_an_empty_page(tmp_path):
    draft = tmp_path / "new.yaml"
    draft.write_text("kind: oral_statement\n")
    preview = Preview(draft)
    snap = preview.rebuild()
    assert snap.page == "" and snap.level == "errors"
    assert all(f["block"] is None for f in snap.findings)
    assert "Nothing to show yet" in preview.page()


def test_the_server_listens_on_loopback_only(draft):
    server = make_server(Preview(draft), 0)
    try:
        assert server.server_address[0] == HOST == "127.0.0.1"
    finally:
        server.server_close()


def test_pages_asked_for_under_another_host_name_are_refused(draft):
    preview = Preview(draft)
    preview.rebuild()
    server = make_server(preview, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/", headers={"Host": f"attacker.example:{port}"}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as ok:
            assert b"Thank you for this opportunity" in ok.read()
    finally:
        server.shutdown()
        server.server_close()


def test_a_port_in_use_is_reported_with_another_to_try(draft):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_subkit("preview", str(draft), "--no-open", "--port", str(port))
    assert result.returncode == 2
    assert f"port {port} on 127.0.0.1 is in use" in result.stderr
    assert "try --port " in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_draft_is_refused(tmp_path):
    result = run_subkit("preview", str(tmp_path / "nowhere.yaml"), "--no-open")
    assert result.returncode == 2
    assert "no such draft" in result.stderr


def test_preview_follows_saves_and_stops_cleanly_on_ctrl_c(draft):
    running = PreviewProcess(draft)
    try:
        first = running.state()
        assert "Thank you for this opportunity" in first["page"]
        save(draft, draft.read_text().replace("Thank you for this", "Many thanks for this"))
        running.wait_for(lambda s: "Many thanks for this" in s["page"])
        draft.unlink()
        gone = running.wait_for(lambda s: s["level"] == "missing")
        assert "Many thanks for this" in gone["page"]
        with urllib.request.urlopen(running.url, timeout=10) as response:
            assert b"Many thanks for this" in response.read()
    finally:
        out, err = running.stop()
    assert running.process.returncode == 0, err
    assert "Preview stopped." in out
    assert "is missing" in out
    assert "Traceback" not in err


def test_the_event_stream_sends_the_current_state_first(draft):
    running = PreviewProcess(draft, port=free_port())
    try:
        with urllib.request.urlopen(running.url + "events", timeout=10) as stream:
            assert stream.headers["Content-Type"].startswith("text/event-stream")
            line = stream.readline().decode()
        assert line.startswith("data: {") and "Thank you for this opportunity" in line
    finally:
        running.stop()


def test_a_changed_settings_file_applies_on_the_next_save_and_a_broken_one_is_a_finding(draft):
    settings = draft.parent / "subkit.toml"
    settings.write_text("words-per-minute = 120\n")
    running = PreviewProcess(draft)
    try:
        assert any(f["code"] == "SK401" for f in running.state()["findings"])
        save(settings, 'words-per-minute = 120\nignore = ["SK401"]\n')
        running.wait_for(lambda s: not any(f["code"] == "SK401" for f in s["findings"]))
        save(settings, "words-per-minute = 'fast'\n")
        state = running.wait_for(lambda s: any(f["code"] == "SK650" for f in s["findings"]))
        (problem,) = [f for f in state["findings"] if f["code"] == "SK650"]
        assert "subkit.toml" in problem["where"] and "words-per-minute" in problem["message"]
        assert problem["hint"]
    finally:
        running.stop()


def test_an_edited_ask_of_the_coalition_library_reaches_the_page(tmp_path):
    import yaml

    library = tmp_path / "our-templates" / "asks"
    library.mkdir(parents=True)
    ask = (
        "close-camps:\n  description: Close the camps\n  variables:\n    camp: name of the camp\n"
        "  text: {verb} {{camp}} in {{state}} and release everyone held there.\n"
    )
    (library / "en.yaml").write_text(ask.format(verb="Close"), encoding="utf-8")
    (tmp_path / "subkit.toml").write_text('templates = "our-templates"\n', encoding="utf-8")
    data = yaml.safe_load(ORAL_EXAMPLE.read_text(encoding="utf-8"))
    data["asks"]["items"][0] = {"use": "close-camps", "with": {"camp": "the Almaty centre"}}
    draft = tmp_path / "statement.yaml"
    draft.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    running = PreviewProcess(draft)
    try:
        assert "Close the Almaty centre in Kazakhstan" in running.state()["page"]
        save(library / "en.yaml", ask.format(verb="Shut"))
        running.wait_for(lambda s: "Shut the Almaty centre in Kazakhstan" in s["page"])
    finally:
        running.stop()


def test_a_markdown_draft_is_previewed_and_its_findings_placed(draft, tmp_path):
    markdown = tmp_path / "statement.md"
    converted = run_subkit("convert", str(draft), "-o", str(markdown))
    assert converted.returncode == 0, converted.stderr
    preview = Preview(markdown)
    good = preview.rebuild()
    assert "Thank you for this opportunity" in page_text(preview)
    text = markdown.read_text()
    assert text.count('{#torture-investigations articles="7"}') == 1
    save(
        markdown,
        text.replace(
            '{#torture-investigations articles="7"}', '{#torture-investigations articles="77"}'
        ),
    )
    snap = preview.rebuild()
    assert snap.page == good.page
    (finding,) = [f for f in snap.findings if f["code"] == "SK201"]
    assert finding["where"].startswith(f"{markdown}:")
    assert block_text(preview, finding["block"]).startswith("2.Demand that the authorities")
