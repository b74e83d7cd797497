#!/usr/bin/env python3
"""Writes the small numpy/pickle files that NumpyReadersTest reads (our own test data, not third-party).

Run from the repository root (numpy >= 1.17; the committed files were made with numpy 2.4.6, Python 3):

    python3 emulator-cpu/src/test/scripts/make_numpy_test_files.py

Output: emulator-cpu/src/test/resources/org/cosmoemu/cpu/io/numpy/. The Java test knows the values below by
their formulas, so the files are checked against numpy's own encoding of them.
"""
import os
import pickle

import numpy as np
from numpy.lib import format as npformat

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "cosmoemu", "cpu", "io", "numpy")


def arrays():
    return {
        "f8": np.arange(6, dtype="<f8").reshape(2, 3) * 0.5 - 1.25,          # [[-1.25,-0.75,-0.25],[0.25,0.75,1.25]]
        "f4_be": np.array([1.5, -2.25, 3e-8, 1e30], dtype=">f4"),
        "f4": np.array([0.1, -7.0], dtype="<f4"),
        "i8": np.array([-(2**40), -1, 0, 7, 2**53], dtype="<i8"),
        "i4_be": np.array([[1, -2], [3, -4]], dtype=">i4"),
        "i4": np.array([2147483647, -2147483648], dtype="<i4"),
        "u1": np.array([0, 255], dtype="u1"),
        "bool": np.array([True, False, True]),
        "names": np.array(["omega_b", "ln10^{10}A_s", "\u03b8_s"]),          # <U12, one non-ASCII name
        "names_be": np.array(["ab", "c"], dtype=">U2"),
        "bytes_S": np.array([b"ab", b"c"], dtype="S2"),
        "fortran": np.asfortranarray(np.arange(24, dtype="<f8").reshape(2, 3, 4)),
        "scalar0d": np.array(3.5),
        "np_scalar_f8": np.float64(2.5),
        "np_scalar_i8": np.int64(-3),
        "plain": [1, 2.5, True, None, "text", b"raw", (1, "two"), {"k": [1, 2]}, 2**70, -(2**63), -1.5e-300],
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    for protocol in (2, 3, 4, 5):
        with open(os.path.join(OUT, f"arrays_p{protocol}.pkl"), "wb") as f:
            pickle.dump(arrays(), f, protocol=protocol)
    a = arrays()
    np.save(os.path.join(OUT, "f8_v1.npy"), a["f8"])
    with open(os.path.join(OUT, "f4be_v2.npy"), "wb") as f:
        npformat.write_array(f, a["f4_be"], version=(2, 0))
    with open(os.path.join(OUT, "names_v3.npy"), "wb") as f:
        npformat.write_array(f, a["names"], version=(3, 0))
    np.save(os.path.join(OUT, "fortran_v1.npy"), a["fortran"])
    obj = np.empty((), dtype=object)
    obj[()] = {"weights_": [a["f8"]], "parameters": ["x", "y"]}
    np.save(os.path.join(OUT, "object_v1.npy"), obj, allow_pickle=True)
    np.savez(os.path.join(OUT, "stored.npz"), f8=a["f8"], names=a["names"], i4_be=a["i4_be"])
    np.savez_compressed(os.path.join(OUT, "compressed.npz"), f8=a["f8"], names=a["names"], i4_be=a["i4_be"])


if __name__ == "__main__":
    main()
