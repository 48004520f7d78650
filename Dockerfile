# prescreen: the same install, compile and start steps as the README's `make run`.

# The matcher compiled with mypyc (setup.py), in a stage of its own so the image carries neither
# the compiler nor mypy; the same base image keeps the extension modules' ABI. PyICU (for rigour,
# the party matcher's legal forms and transliteration) has no wheel for this base: it is built
# here against ICU and the wheel copied into the image.
FROM python:3.11-slim AS compile
ENV PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install --yes --no-install-recommends gcc g++ libc6-dev pkg-config libicu-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/prescreen
COPY pyproject.toml constraints.txt README.md setup.py ./
COPY app/__init__.py app/__init__.py
RUN PRESCREEN_COMPILE=no python -m pip install --quiet -c constraints.txt -e '.[compile]'
COPY app app
RUN PRESCREEN_COMPILE=yes python setup.py --quiet build_ext --inplace
RUN python -m pip wheel --quiet --no-deps --wheel-dir /wheels -c constraints.txt pyicu

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PRESCREEN_DATABASE_URL=sqlite:////var/lib/prescreen/prescreen.db

WORKDIR /srv/prescreen
RUN useradd --system --uid 10001 --home-dir /srv/prescreen prescreen \
    && mkdir -p /var/lib/prescreen && chown prescreen /var/lib/prescreen

# ICU's runtime library and the PyICU wheel built against it in the compile stage.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends libicu72 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=compile /wheels /wheels
RUN python -m pip install --quiet --no-index /wheels/*.whl && rm -rf /wheels

# Dependencies first (pinned by constraints.txt) so code changes do not reinstall them.
COPY pyproject.toml constraints.txt README.md setup.py ./
COPY app/__init__.py app/__init__.py
RUN PRESCREEN_COMPILE=no python -m pip install --quiet -c constraints.txt -e .

COPY app app
# The compiled modules and the stamp of the sources they were built from (app/matching/__init__.py).
COPY --from=compile /srv/prescreen/app/matching app/matching
COPY brand_lists brand_lists
COPY party_lists party_lists

USER prescreen
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4).status != 200)"

# uvicorn's limits as `make run` passes them (app/server.py).
CMD ["python", "-m", "uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers", "--http", "h11", "--h11-max-incomplete-event-size", "262144", "--timeout-keep-alive", "5", "--timeout-graceful-shutdown", "15", "--no-server-header"]
