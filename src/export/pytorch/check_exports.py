"""Test helper for the PyTorch export (run by equivalence.test.ts and safety.test.ts with Debian's
/usr/bin/python3 and python3-torch; not part of an export).

    python3 check_exports.py equivalence DIR...   load DIR/model.py + DIR/weights.npz (strict), run
                                                  DIR/sample_batch.npz; one JSON line per DIR
    python3 check_exports.py skeleton FILE...     parse FILE and print its token skeleton as JSON
                                                  (identifiers -> ID, strings -> STR, comments
                                                  dropped), to compare generated code structurally
    python3 check_exports.py literals FILE        FILE is JSON [[text, literal], ...]: prints the texts
                                                  whose literal does not evaluate back to them
"""
import ast
import importlib.util
import io
import json
import keyword
import sys
import tokenize


def equivalence(dirs):
    import numpy as np
    import torch

    torch.set_num_threads(1)
    for i, d in enumerate(dirs):
        result = {'dir': d}
        try:
            spec = importlib.util.spec_from_file_location('fd_export_model_%d' % i, d + '/model.py')
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            model = module.FusionModel()
            module.load_weights(model, d + '/weights.npz', strict=True)
            result['diffs'] = module.check_sample(model, d + '/sample_batch.npz')
            with np.load(d + '/sample_batch.npz') as data:
                result['scale'] = {k[2:]: float(np.abs(data[k]).max()) for k in data.files if k.startswith('y.')}
            result['params'] = sum(p.numel() for p in model.parameters())
        except Exception as e:  # reported to the test, which fails with the message
            import traceback
            result['error'] = '%s: %s\n%s' % (type(e).__name__, e, traceback.format_exc())
        print(json.dumps(result), flush=True)


def skeleton(files):
    out = {}
    for f in files:
        source = open(f, encoding='utf-8').read()
        ast.parse(source)  # raises on a syntax error
        tokens = []
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type in (tokenize.COMMENT, tokenize.NL):
                continue
            if tok.type == tokenize.NAME:
                tokens.append(tok.string if keyword.iskeyword(tok.string) else 'ID')
            elif tok.type == tokenize.STRING:
                tokens.append('STR')
            else:
                tokens.append(tokenize.tok_name[tok.type] + ':' + tok.string if tok.type == tokenize.OP else tokenize.tok_name[tok.type])
        names = sorted({n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
                       | {n.attr for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Attribute)}
                       | {a.arg for n in ast.walk(ast.parse(source)) if isinstance(n, ast.arguments) for a in n.args})
        out[f] = {'tokens': tokens, 'names': names}
    print(json.dumps(out))


def literals(path):
    pairs = json.load(open(path, encoding='utf-8'))
    bad = []
    for text, literal in pairs:
        tree = ast.parse(literal, mode='eval')
        if not isinstance(tree.body, ast.Constant) or ast.literal_eval(literal) != text:
            bad.append([text, literal])
    print(json.dumps({'checked': len(pairs), 'bad': bad}))


if __name__ == '__main__':
    mode, rest = sys.argv[1], sys.argv[2:]
    if mode == 'equivalence':
        equivalence(rest)
    elif mode == 'skeleton':
        skeleton(rest)
    elif mode == 'literals':
        literals(rest[0])
    else:
        raise SystemExit('unknown mode ' + mode)
