# syntax=docker/dockerfile:1
# The docker tests' stand-in for the `ollama` service: tests/ollama_standin.py (Ollama's HTTP API,
# scripted SQL answers) in a small image from the same base as the project images.
# BASE_IMAGE: the project images' base (docker/Dockerfile's default or scripts/docker_base_image.sh's).
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
ARG APP_UID=1000
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
RUN useradd --non-unique --uid "${APP_UID}" --user-group --create-home --shell /usr/sbin/nologin app
WORKDIR /opt/app
COPY tests/ollama_standin.py ./ollama_standin.py
USER ${APP_UID}
EXPOSE 11434
HEALTHCHECK --interval=5s --timeout=3s --retries=5 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:11434/api/tags', timeout=2)"]
ENTRYPOINT ["python", "ollama_standin.py", "--host", "0.0.0.0", "--port", "11434"]
