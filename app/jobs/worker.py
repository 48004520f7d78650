"""`prescreen worker`: a job worker on its own, beside (or instead of) the services' own workers."""

from __future__ import annotations

from app.db.session import make_engine, make_sessionmaker
from app.jobs.queue import JobQueue
from app.metrics import Metrics
from app.services.background import JobEnv
from app.services.knowledge_store import KnowledgeStore
from app.services.screener import Screener
from app.settings import Settings


async def run_worker(settings: Settings) -> None:
    engine = make_engine(settings.database_url)
    store = KnowledgeStore(settings.data_paths)
    outcome = store.load()
    if not outcome.ok:
        raise RuntimeError(f"the data files are not loaded: {outcome.error}")
    queue = JobQueue(settings)
    await queue.open()
    metrics = Metrics()
    env = JobEnv(
        settings, make_sessionmaker(engine), store, metrics, queue, Screener(settings, store, metrics)
    )
    try:
        await queue.run_worker(env, install_signal_handlers=True)
    finally:
        await queue.close()
        engine.dispose()
