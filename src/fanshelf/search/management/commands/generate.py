from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fanshelf.search.generate import generate_archive


class Command(BaseCommand):
    help = "Add a synthetic archive of N works (with authors and tags) for load and benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--works", type=int, required=True, help="how many works to add")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same archive")

    def handle(self, *args, works, seed, **options):
        if works < 1:
            raise CommandError("--works must be at least 1.")
        with tqdm(total=works, unit="works", desc="Generating") as bar:
            generate_archive(works=works, seed=seed, on_progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"Added {works:,} generated works."))
