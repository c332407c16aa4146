"""Records openai-whisper's own transcribe() output for the conformance cases.

python3 record.py WHISPER_SRC CASES_JSON VARIANTS_DIR SHARED_TESTDATA OUT_DIR [CASE...]

WHISPER_SRC      a checkout of openai/whisper (release 20250625): the folder holding whisper/
CASES_JSON       core/src/test/resources/openai-conformance/cases.json
VARIANTS_DIR     where MiniVariants wrote mini-ts/, mini-lang/, mini-128-ts/, mini-128-lang/
                 (mini and mini-128 themselves are read from SHARED_TESTDATA)
OUT_DIR          one <case>.json per case: openai's result dict as its WriteJSON writes it

Hugging Face checkpoints are renamed to openai's parameter names; audio is read as openai's
ffmpeg call would (16 kHz mono 16-bit PCM / 32768). See README.md.
"""
import json
import os
import struct
import sys
import wave

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # the tiktoken stand-in
sys.path.insert(0, sys.argv[1])

import numpy as np  # noqa: E402
import torch  # noqa: E402
import whisper  # noqa: E402
from whisper.model import ModelDimensions, Whisper  # noqa: E402

DTYPES = {"F32": np.float32, "F16": np.float16}


def read_safetensors(path):
    with open(path, "rb") as f:
        header_len = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(header_len))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        array = np.frombuffer(data[start:end], dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
        tensors[name] = torch.from_numpy(array.astype(np.float32))
    return tensors


def openai_name(hf):
    """model.decoder.layers.0.encoder_attn.q_proj.weight -> decoder.blocks.0.cross_attn.query.weight"""
    name = hf.removeprefix("model.")
    for old, new in (
        ("encoder.embed_positions.weight", "encoder.positional_embedding"),
        ("decoder.embed_positions.weight", "decoder.positional_embedding"),
        ("decoder.embed_tokens", "decoder.token_embedding"),
        ("encoder.layer_norm", "encoder.ln_post"),
        ("decoder.layer_norm", "decoder.ln"),
        (".layers.", ".blocks."),
        ("self_attn_layer_norm", "attn_ln"),
        ("encoder_attn_layer_norm", "cross_attn_ln"),
        ("final_layer_norm", "mlp_ln"),
        ("self_attn.", "attn."),
        ("encoder_attn.", "cross_attn."),
        ("q_proj", "query"),
        ("k_proj", "key"),
        ("v_proj", "value"),
        ("out_proj", "out"),
        ("fc1", "mlp.0"),
        ("fc2", "mlp.2"),
    ):
        name = name.replace(old, new)
    return name


def load_model(folder):
    with open(os.path.join(folder, "config.json")) as f:
        cfg = json.load(f)
    dims = ModelDimensions(
        n_mels=cfg["num_mel_bins"], n_audio_ctx=cfg["max_source_positions"], n_audio_state=cfg["d_model"],
        n_audio_head=cfg["encoder_attention_heads"], n_audio_layer=cfg["encoder_layers"],
        n_vocab=cfg["vocab_size"], n_text_ctx=cfg["max_target_positions"], n_text_state=cfg["d_model"],
        n_text_head=cfg["decoder_attention_heads"], n_text_layer=cfg["decoder_layers"])
    model = Whisper(dims)
    state = {openai_name(k): v for k, v in read_safetensors(os.path.join(folder, "model.safetensors")).items()
             if k != "proj_out.weight"}
    model.load_state_dict(state, strict=True)  # every parameter and buffer named, none left over
    return model.eval()


def read_wav(path):
    with wave.open(path, "rb") as w:
        if w.getframerate() != 16000 or w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise ValueError(f"{path}: the recorder reads 16 kHz mono 16-bit WAV only")
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return pcm.astype(np.float32) / 32768.0


def main():
    cases_path, variants, shared, out = sys.argv[2:6]
    only = set(sys.argv[6:])
    with open(cases_path) as f:
        cases = json.load(f)["cases"]
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(1)
    models = {}
    for case in cases:
        if only and case["name"] not in only:
            continue
        stored = case["model"] in ("mini", "mini-128")
        folder = os.path.join(shared if stored else variants, "models" if stored else "", case["model"])
        if case["model"] not in models:
            models[case["model"]] = load_model(folder)
        model = models[case["model"]]
        audio = read_wav(os.path.join(shared, "audio", case["audio"]))
        options = dict(case.get("options", {}))
        if "temperature" in options:
            options["temperature"] = tuple(options["temperature"])
        torch.manual_seed(0)
        with torch.no_grad():
            result = whisper.transcribe(model, audio, verbose=None, fp16=False, **options)
        with open(os.path.join(out, case["name"] + ".json"), "w") as f:
            json.dump(result, f)
        print(case["name"], len(result["segments"]), "segments", repr(result["text"][:60]), flush=True)


if __name__ == "__main__":
    main()
