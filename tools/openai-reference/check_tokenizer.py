"""Checks the tiktoken stand-in, through openai-whisper's own get_encoding, against the tokenizer goldens.

python3 check_tokenizer.py WHISPER_SRC SHARED_TOKENIZERS   (exit status 1 on any difference)
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, sys.argv[1])
from whisper.tokenizer import get_encoding  # noqa: E402


def check(encoding, folder):
    failures, checked = 0, 0
    with open(os.path.join(folder, "goldens.jsonl"), encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            checked += 1
            if encoding.encode(case["text"]) != case["ids"]:
                failures += 1
                print(f"{folder}: encode {case['text']!r}: {encoding.encode(case['text'])} != {case['ids']}")
    with open(os.path.join(folder, "goldens_decode.jsonl"), encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            if any(i >= encoding.n_vocab for i in case["ids"]):
                continue
            checked += 1
            got = encoding.decode_bytes(case["ids"]).hex()
            if "bytes_hex" in case and got != case["bytes_hex"]:
                # the goldens spell HF's names of renamed language tokens (<|iw|> for openai's <|he|>)
                failures += 1
                print(f"{folder}: decode {case['ids']}: {got} != {case['bytes_hex']}")
    return checked, failures


total_failures = 0
for name, folder in (("multilingual", "whisper-multilingual"), ("gpt2", "whisper-english")):
    checked, failures = check(get_encoding(name), os.path.join(sys.argv[2], folder))
    print(f"{folder}: {checked} goldens, {failures} differ")
    total_failures += failures
sys.exit(1 if total_failures else 0)
