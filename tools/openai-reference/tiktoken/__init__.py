"""A small stand-in for tiktoken, enough for openai-whisper's tokenizer.py.

tiktoken (a Rust extension) cannot be installed where the reference is recorded, so this module
implements the part openai-whisper uses: byte-level BPE over the mergeable ranks that
whisper/assets/<name>.tiktoken gives, the regex pre-split, and special tokens. check_tokenizer.py
verifies it against the tokenizer goldens in ../shared/testdata/tokenizers before any recording.
"""
import regex


class Encoding:
    def __init__(self, name, *, pat_str, mergeable_ranks, special_tokens, explicit_n_vocab=None):
        self.name = name
        self._pattern = regex.compile(pat_str)
        self._ranks = mergeable_ranks
        self._special = dict(special_tokens)
        self._bytes = {rank: token for token, rank in mergeable_ranks.items()}
        for text, rank in self._special.items():
            self._bytes[rank] = text.encode("utf-8")
        self.n_vocab = max(self._bytes) + 1
        if explicit_n_vocab is not None and explicit_n_vocab != self.n_vocab:
            raise ValueError(f"n_vocab {self.n_vocab} != explicit_n_vocab {explicit_n_vocab}")
        self._cache = {}

    @property
    def special_tokens_set(self):
        return set(self._special)

    @property
    def eot_token(self):
        return self._special["<|endoftext|>"]

    def encode_single_token(self, text):
        if text in self._special:
            return self._special[text]
        return self._ranks[text.encode("utf-8") if isinstance(text, str) else text]

    def encode(self, text, allowed_special=frozenset(), disallowed_special="all"):
        # tiktoken's default: text that spells a special token is refused
        if disallowed_special == "all":
            for special in self._special:
                if special in text and special not in allowed_special:
                    raise ValueError(f"text contains the special token {special!r}")
        ids = []
        for piece in self._pattern.findall(text):
            ids.extend(self._encode_piece(piece.encode("utf-8")))
        return ids

    def _encode_piece(self, piece):
        if piece in self._ranks:
            return [self._ranks[piece]]
        cached = self._cache.get(piece)
        if cached is not None:
            return cached
        parts = [piece[i:i + 1] for i in range(len(piece))]
        while len(parts) > 1:
            # merge the adjacent pair of lowest rank (leftmost on ties), as tiktoken's byte_pair_merge
            best, best_rank = None, None
            for i in range(len(parts) - 1):
                rank = self._ranks.get(parts[i] + parts[i + 1])
                if rank is not None and (best_rank is None or rank < best_rank):
                    best, best_rank = i, rank
            if best is None:
                break
            parts[best:best + 2] = [parts[best] + parts[best + 1]]
        ids = [self._ranks[p] for p in parts]
        self._cache[piece] = ids
        return ids

    def decode_bytes(self, tokens):
        return b"".join(self._bytes[t] for t in tokens)

    def decode(self, tokens, errors="replace"):
        return self.decode_bytes(tokens).decode("utf-8", errors=errors)

    def decode_single_token_bytes(self, token):
        return self._bytes[token]
