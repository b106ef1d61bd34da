"""Test helper for the Keras export (run by keras.test.ts with /usr/bin/python3; not part of an export).
Neither TensorFlow nor Keras can be installed here, so model.py is checked without importing it:

    python3 check_keras.py inspect DIR...   py_compile DIR/model.py, read its WEIGHTS / INPUTS / OUTPUTS
                                            / PROBES literals and every layer built in build_model()
                                            (class, name=) with ast, and load DIR/weights.npz and
                                            DIR/sample_batch.npz; one JSON line per DIR
    PYTHONPATH=numpy_tf python3 check_keras.py numeric DIR...
                                            run DIR/model.py (build_model, load_weights, check_sample)
                                            on the NumPy stand-in for TensorFlow in numpy_tf/; one
                                            JSON line per DIR with the largest |keras - tfjs| per output
"""
import ast
import importlib.util
import json
import py_compile
import sys


def literal(tree, name):
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise KeyError(name)


def call_name(func):
    if isinstance(func, ast.Attribute):
        return call_name(func.value) + '.' + func.attr
    if isinstance(func, ast.Name):
        return func.id
    return '?'


def inspect(d):
    import numpy as np

    source_path = d + '/model.py'
    py_compile.compile(source_path, doraise=True)
    tree = ast.parse(open(source_path, encoding='utf-8').read())
    result = {'dir': d}
    for name in ('INPUTS', 'OUTPUTS', 'PROBES', 'WEIGHTS'):
        result[name.lower()] = literal(tree, name)
    result['classes'] = sorted(n.name for n in tree.body if isinstance(n, ast.ClassDef))
    build = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == 'build_model')
    built = []
    for stmt in build.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            call = stmt.value
            # layer(...)(inputs): the constructor is the inner call.
            ctor = call.func if isinstance(call.func, ast.Call) else call
            names = [ast.literal_eval(k.value) for k in ctor.keywords if k.arg == 'name']
            built.append({'class': call_name(ctor.func), 'name': names[0] if names else None})
    result['built'] = built
    with np.load(d + '/weights.npz') as arrays:
        result['arrays'] = {k: {'shape': list(arrays[k].shape), 'dtype': str(arrays[k].dtype), 'sum': float(arrays[k].astype('float64').sum()), 'first': float(arrays[k].flat[0])} for k in arrays.files}
    with np.load(d + '/sample_batch.npz') as data:
        result['sample'] = sorted(data.files)
    return result


def numeric(d, i):
    import numpy as np
    import tensorflow as tf

    if not getattr(tf, '__file__', '').endswith('numpy_tf/tensorflow/__init__.py'):
        raise SystemExit('expected the NumPy stand-in for TensorFlow on PYTHONPATH, got ' + getattr(tf, '__file__', '?'))
    np.random.seed(0)
    spec = importlib.util.spec_from_file_location('fd_keras_model_%d' % i, d + '/model.py')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.load_weights(module.build_model(), d + '/weights.npz')
    with np.load(d + '/sample_batch.npz') as data:
        scale = {k[2:]: float(np.abs(data[k]).max()) for k in data.files if k.startswith('y.')}
    return {'dir': d, 'diffs': module.check_sample(model, d + '/sample_batch.npz'), 'scale': scale}


if __name__ == '__main__':
    mode, rest = sys.argv[1], sys.argv[2:]
    if mode not in ('inspect', 'numeric'):
        raise SystemExit('unknown mode ' + mode)
    for i, d in enumerate(rest):
        try:
            print(json.dumps(inspect(d) if mode == 'inspect' else numeric(d, i)), flush=True)
        except Exception as e:  # reported to the test, which fails with the message
            import traceback
            print(json.dumps({'dir': d, 'error': '%s: %s\n%s' % (type(e).__name__, e, traceback.format_exc())}), flush=True)
