"""Time and peak memory to download each format of a 5,000-word work, of a 500,000-word,
100-chapter work and of a work whose chapters are each as long as a chapter may be
(FANSHELF_CHAPTER_MAX_LENGTH), cold (the file is made) and cached (the file is already there).

    .venv/bin/python bench/downloads.py [--formats epub,pdf,html,txt] [--big-words 500000]
        [--limit-chapters 4]

Prints JSON. Builds a fresh SQLite archive in a temporary folder; every measurement runs in a
fresh Python process that asks for the file through the real download view (visibility check,
revision fingerprint, build or cached file, the whole response read), after a download of
a tiny work in the same format (the imports a running server has done already). `peak_mb` is
the process's peak resident set size during the measured download (Linux's VmHWM, reset just
before it), `baseline_mb` its resident size just before. Jobs run inline, so the time of a long
work's PDF (made by a job on a live archive) is the job's, and the download counter's job is in
every figure.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

VOCABULARY = [
    "the", "tide", "came", "over", "grey", "stones", "while", "the", "keeper", "told", "old",
    "stories", "of", "ships", "and", "storms", "she", "laughed", "at", "the", "lantern", "light",
    "and", "counted", "every", "wave", "that", "broke", "against", "the", "wall",
]  # fmt: skip


def _django(home: str) -> None:
    os.environ["FANSHELF_HOME"] = home
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "fanshelf.settings"
    # Jobs run inline: a long work's PDF is typeset by a job, and that is what is measured.
    os.environ["FANSHELF_JOBS_INLINE"] = "1"
    import django

    django.setup()


def _chapters(words: int, chapters: int) -> list[str]:
    per_chapter = words // chapters
    texts = []
    for chapter in range(chapters):
        out = [VOCABULARY[(chapter * 7 + i * 3) % len(VOCABULARY)] for i in range(per_chapter)]
        paragraphs = [" ".join(out[i : i + 80]) + "." for i in range(0, per_chapter, 80)]
        texts.append("".join(f"<p>{p.capitalize()}</p>" for p in paragraphs))
    return texts


def _words_filling(characters: int) -> int:
    """How many generated words make a chapter just under `characters` characters of HTML."""
    sample = 8000
    return int(characters * 0.99 * sample / len(_chapters(sample, 1)[0]))


def _setup(home: str, sizes: dict[str, tuple[int, int]]) -> dict[str, int]:
    _django(home)
    from django.core.management import call_command

    from fanshelf.accounts.services import user_signup
    from fanshelf.works import services

    call_command("migrate", verbosity=0)
    author = user_signup(username="bench", email="bench@example.invalid", password="bench pass 4")
    works = {}
    for label, (words, chapters) in {"warm-up": (50, 1), **sizes}.items():
        work = services.work_create(
            pseuds=[author.default_pseud],
            title=f"A {label} work",
            summary="<p>A work made for the downloads benchmark.</p>",
            notes_begin="<p>Notes before.</p>",
            notes_end="<p>Notes after.</p>",
            chapters=[
                services.ChapterInput(title=f"Part {n + 1}", text=text)
                for n, text in enumerate(_chapters(words, chapters))
            ],
        )
        works[label] = work.pk
    return works


def _memory_kb(field: str) -> int:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith(field + ":"))
    return int(line.split()[1])


def _reset_peak() -> int:
    """Start the peak resident size again from the current one (Linux); returns it in KiB."""
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    return _memory_kb("VmRSS")


def _measure(home: str, work_id: int, warm_id: int, extension: str) -> dict:
    """In a fresh process: one download through the view, after one of a tiny work in the
    same format (so the imports a long-running server has done already are not counted)."""
    _django(home)
    from django.conf import settings
    from django.test import Client

    shutil.rmtree(settings.FANSHELF_DOWNLOADS_DIR / str(warm_id), ignore_errors=True)
    client = Client()
    assert client.get(f"/works/{warm_id}/download/{extension}").status_code == 200
    baseline = _reset_peak()
    started = time.perf_counter()
    response = client.get(f"/works/{work_id}/download/{extension}")
    size = sum(len(chunk) for chunk in response.streaming_content)
    seconds = time.perf_counter() - started
    peak = _memory_kb("VmHWM")
    assert response.status_code == 200, response.status_code
    return {
        "seconds": round(seconds, 3),
        "peak_mb": round(peak / 1024, 1),
        "baseline_mb": round(baseline / 1024, 1),
        "bytes": size,
    }


def _child(home: str, work_id: int, warm_id: int, extension: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", home, str(work_id), str(warm_id), extension],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--formats", default="epub,pdf,html,txt")
    parser.add_argument("--small-words", type=int, default=5000)
    parser.add_argument("--big-words", type=int, default=500_000)
    parser.add_argument("--big-chapters", type=int, default=100)
    parser.add_argument(
        "--limit-chapters", type=int, default=4, help="chapters at the length limit (0: none)"
    )
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        home, work_id, warm_id, extension = args.child
        print(json.dumps(_measure(home, int(work_id), int(warm_id), extension)))
        return
    home = tempfile.mkdtemp(prefix="fanshelf-bench-downloads-")
    try:
        sizes = {"small": (args.small_words, 1), "big": (args.big_words, args.big_chapters)}
        if args.limit_chapters:
            _django(home)
            from django.conf import settings

            per_chapter = _words_filling(settings.FANSHELF_CHAPTER_MAX_LENGTH)
            sizes["at-limit"] = (per_chapter * args.limit_chapters, args.limit_chapters)
        works = _setup(home, sizes)
        warm_id = works.pop("warm-up")
        results = {"engine": "sqlite", "works": {}}
        for label, work_id in works.items():
            words, chapters = sizes[label]
            per_format = {}
            for extension in args.formats.split(","):
                cold = _child(home, work_id, warm_id, extension)
                cached = _child(home, work_id, warm_id, extension)
                per_format[extension] = {"cold": cold, "cached": cached}
            characters = sum(len(text) for text in _chapters(words, chapters))
            results["works"][label] = {
                "words": words,
                "chapters": chapters,
                "characters": characters,
                **per_format,
            }
        print(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
