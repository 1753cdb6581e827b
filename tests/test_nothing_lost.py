"""Nothing a person made is lost (issue #24): every command that replaces a file keeps a copy,
`history/` never overwrites whatever the output's name, and no file plan-draft did not make is deleted."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import EXAMPLE

from pipeline.cli import main
from pipeline.outputs import MAX_GENERATED_IN_HISTORY


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_parse_keeps_a_hand_edited_plan_json(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    assert run("parse", str(EXAMPLE), "-o", str(plan))[0] == 0
    edited = json.loads(plan.read_text("utf-8"))
    edited["areas"][0]["objectives"][0]["title"] = "An objective the administrator reworded"
    plan.write_text(json.dumps(edited), "utf-8")
    mine = plan.read_bytes()
    code, output = run("parse", str(EXAMPLE), "-o", str(plan))
    assert code == 0 and "kept the previous plan.json as" in output
    assert (tmp_path / "plan.previous.json").read_bytes() == mine


def test_history_never_overwrites_whatever_the_outputs_name(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    run("parse", str(EXAMPLE), "-o", str(plan))
    draft = tmp_path / "Plan [v2] *final*.docx"
    edits = []
    for n in range(15):  # an administrator edits the draft by hand between renders
        assert run("render", str(plan), "-o", str(draft))[0] == 0
        edit = f"an edit by hand, number {n}".encode()
        draft.write_bytes(edit)
        edits.append(edit)
    assert run("render", str(plan), "-o", str(draft))[0] == 0
    kept = {p.read_bytes() for p in (tmp_path / "history").iterdir() if p.suffix == ".docx"}
    kept.add((tmp_path / "Plan [v2] *final*.previous.docx").read_bytes())
    assert set(edits) <= kept  # every edit is somewhere


def test_copies_of_generated_outputs_are_bounded(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    run("parse", str(EXAMPLE), "-o", str(plan))
    draft = tmp_path / "draft.docx"
    for n in range(15):  # a different draft each time, none edited by a person
        assert run("render", str(plan), "-o", str(draft), "--date", f"2013-01-{n + 1:02d}")[0] == 0
    copies = [p for p in (tmp_path / "history").iterdir() if p.suffix == ".docx"]
    assert len(copies) <= MAX_GENERATED_IN_HISTORY


def test_another_programs_temporary_files_are_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    theirs = out / ".~lock.notes.odt.tmp"
    theirs.write_bytes(b"LibreOffice's own")
    ours = out / ".plan-draft.draft.docx.abc123.tmp"  # what a killed run of ours leaves
    ours.write_bytes(b"half a draft")
    assert run("build", str(EXAMPLE), "-o", str(out))[0] == 0
    assert theirs.read_bytes() == b"LibreOffice's own"
    assert not ours.exists()


def test_text_in_any_script_keeps_its_identity(make_mission) -> None:
    from pipeline.build import parse

    header = ["Key area", "Strategic objective", "Key initiative", "Owner"]
    objectives = ["Цель один", "Цель два", "目标一", "目标二", "الهدف الأول", "الهدف الثاني"]
    rows = [header] + [["Legal", o, f"Initiative {n}", "Unit"] for n, o in enumerate(objectives)]
    plan = parse(make_mission({"P": rows}))
    found = [o.title for _, o in plan.objectives()]
    assert found == objectives  # six objectives stay six
    assert [i.title for _, o, i in plan.initiatives() if o is not None and o.title == "目标二"] == [
        "Initiative 3"
    ]


def test_a_batch_never_writes_into_a_mission_and_its_summary_is_never_a_capture(tmp_path: Path) -> None:
    import shutil

    from openpyxl import load_workbook

    missions = tmp_path / "missions"
    shutil.copytree(EXAMPLE, missions / "=HYPERLINK(1)")
    code, output = run("batch", str(missions / "=HYPERLINK(1)"), "-o", str(missions / "=HYPERLINK(1)"))
    assert code == 2 and "the output folder is a mission folder" in output
    assert not (missions / "=HYPERLINK(1)" / "summary.xlsx").exists()
    out = tmp_path / "out"
    assert run("batch", str(missions), "-o", str(out))[0] == 0
    sheet = load_workbook(out / "summary.xlsx").active
    head = [c.value for c in sheet[1]]
    row = dict(zip(head, [c.value for c in sheet[2]], strict=True))
    assert row["Mission"] == "=HYPERLINK(1)" and sheet.cell(2, 1).data_type == "s"  # text, not a formula
    assert row["Administration"] == "Customs Service of Costa Serena" and row["Period"] == "2012–2016"
    assert row["Language"] == "en" and row["Seconds"] == round(row["Seconds"], 1)
    shutil.copy(out / "summary.xlsx", missions / "=HYPERLINK(1)" / "summary.xlsx")  # dropped in by hand
    from pipeline.build import parse

    plan = parse(missions / "=HYPERLINK(1)")
    assert "summary.xlsx" not in plan.sources and plan.counts().initiatives == 33


def test_a_tampered_stamp_or_a_deeply_nested_mission_toml_is_handled(tmp_path: Path) -> None:
    import shutil

    missions, out = tmp_path / "missions", tmp_path / "out"
    shutil.copytree(EXAMPLE, missions / "m")
    assert run("batch", str(missions), "-o", str(out))[0] == 0
    stamp_path = out / "m" / "build-stamp.json"
    stamp = json.loads(stamp_path.read_text("utf-8"))
    stamp["outputs"]["/dev/zero"] = "0" * 64  # names a file that is no output of ours
    stamp_path.write_text(json.dumps(stamp), "utf-8")
    code, output = run("batch", str(missions), "-o", str(out))  # never reads /dev/zero: rebuilds
    assert code == 0 and "1 built" in output, output
    stamp_path.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    assert run("build", str(missions / "m"), "-o", str(out / "m"))[0] == 0
    for name in ("build-stamp.json", "draft.docx"):  # a stamp or an output linked to an endless device
        (out / "m" / name).unlink()
        (out / "m" / name).symlink_to("/dev/zero")
        code, output = run("batch", str(missions), "-o", str(out))  # read as no stamp: rebuilt
        assert code == 0 and "1 built" in output, output
        assert (out / "m" / name).is_file() and not (out / "m" / name).is_symlink()
    mission = missions / "m"
    (mission / "mission.toml").write_text(
        (mission / "mission.toml").read_text("utf-8") + "deep = " + "[" * 5000 + "]" * 5000 + "\n", "utf-8"
    )
    code, output = run("build", str(mission), "-o", str(tmp_path / "o2"))
    assert code == 2 and "nested too deeply" in output and len(output.strip().splitlines()) == 1


def test_a_run_held_up_by_a_suspended_one_says_so_and_gives_up(tmp_path: Path, caplog) -> None:
    import fcntl
    import os

    import pipeline.outputs
    from pipeline.errors import OutputError
    from pipeline.outputs import locked

    out = tmp_path / "out"
    out.mkdir()
    holder = os.open(out, os.O_RDONLY)  # another run, suspended while it holds the folder
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        with caplog.at_level("WARNING", logger="pipeline"):
            try:
                with locked(out, timeout=0.5):
                    raise AssertionError("the lock was taken while another run held it")
            except OutputError as exc:
                assert "another plan-draft run has been writing into this folder for over 0 s" in str(exc)
        assert "waiting: another plan-draft run is writing into" in caplog.text
    finally:
        os.close(holder)
    with locked(out, timeout=0.5):  # once it ends, the folder is free at once
        pass
    assert pipeline.outputs.LOCK_TIMEOUT >= 60


def test_a_build_failing_on_the_output_side_leaves_the_old_set_whole(tmp_path: Path) -> None:
    import shutil

    mission = tmp_path / "mission"
    shutil.copytree(EXAMPLE, mission)
    out = tmp_path / "out"
    assert run("build", str(mission), "-o", str(out))[0] == 0
    (out / "draft.docx").write_bytes(b"the administrator's edited draft")
    (out / "draft.previous.docx").write_bytes(b"an older copy, to go to history/")
    (out / "history").write_bytes(b"a file where history/ should be")  # the copy cannot be kept
    plan_before = (out / "plan.json").read_bytes()
    notes = mission / "facilitator_notes_day1.md"
    notes.write_text(notes.read_text("utf-8") + "\n## Decisions\n\n- A new decision\n", "utf-8")
    code, output = run("build", str(mission), "-o", str(out))
    assert code == 2 and len(output.strip().splitlines()) == 1
    assert (out / "plan.json").read_bytes() == plan_before  # no new plan.json beside the old draft
    assert (out / "draft.docx").read_bytes() == b"the administrator's edited draft"
    assert (out / "draft.previous.docx").read_bytes() == b"an older copy, to go to history/"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
