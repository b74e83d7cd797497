#!/usr/bin/env python3
"""Lists the GPU code a CUDA shared library carries: SASS (ELF cubins, per sm_XY) and PTX (per compute_XY).

A GPU of compute capability X.Y runs a library's kernels only if it holds SASS for sm_X.Z with Z <= Y, or PTX
that the driver can JIT-compile (any compute_VW <= X.Y). Used to predict whether ND4J's CUDA build runs on
Hopper (sm_90) without having one. Parses the fatbin containers (magic 0xBA55ED50) directly, no CUDA tools.

Usage:  python3 fatbin_archs.py LIBRARY.so
Extract the libraries from the Maven jars first, e.g.
  unzip -o ~/.m2/repository/org/nd4j/nd4j-cuda-11.6/1.0.0-M2.1/nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar \
      'org/nd4j/linalg/jcublas/bindings/linux-x86_64/libnd4jcuda.so'
  unzip -o ~/.m2/repository/org/bytedeco/cuda/11.6-8.3-1.5.7/cuda-11.6-8.3-1.5.7-linux-x86_64-redist.jar \
      'org/bytedeco/cuda/linux-x86_64/libcublas.so.11' 'org/bytedeco/cuda/linux-x86_64/libcublasLt.so.11'

Result (2026-11, this repository's pinned versions), entries per kind and architecture:
  libnd4jcuda.so (nd4j-cuda-11.6 1.0.0-M2.1): SASS sm_37 50 52 60 61 70 75 80 86 (228 each), PTX: none
  libcublas.so.11 (CUDA 11.6 redist):         SASS sm_35..86, PTX compute_80 (224)
  libcublasLt.so.11 (CUDA 11.6 redist):       SASS sm_35..86, PTX compute_80 (89)
So on sm_90 cuBLAS could run through PTX JIT, but ND4J's own kernels (element-wise ops, broadcasts,
sigmoid, type conversion) have no code for the GPU.
"""
import collections
import mmap
import struct
import sys

MAGIC = struct.pack('<I', 0xBA55ED50)


def architectures(path):
    counts = collections.Counter()
    with open(path, 'rb') as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
        pos = 0
        while True:
            i = m.find(MAGIC, pos)
            if i < 0:
                return counts
            header_size, = struct.unpack_from('<H', m, i + 6)
            fat_size, = struct.unpack_from('<Q', m, i + 8)
            if header_size != 16 or fat_size > len(m) - i:
                pos = i + 4  # the magic bytes by chance, not a fatbin header
                continue
            p, end = i + 16, i + 16 + fat_size
            while p < end:
                kind, _, entry_header = struct.unpack_from('<HHI', m, p)
                entry_size, = struct.unpack_from('<Q', m, p + 8)
                arch, = struct.unpack_from('<I', m, p + 28)
                counts[('PTX compute_' if kind == 1 else 'SASS sm_' if kind == 2 else f'kind{kind} ') + str(arch)] += 1
                if entry_header == 0:
                    break
                p += entry_header + entry_size
            pos = end


if __name__ == '__main__':
    for lib in sys.argv[1:]:
        print(lib)
        for key, n in sorted(architectures(lib).items()):
            print(f'  {key:<20} {n}')
