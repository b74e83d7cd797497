/**
 * Model files: {@link org.cosmoemu.cpu.io.ModelFiles} reads the CosmoPower family's pickles and npz archives and
 * the SDK's own HDF5 format into a {@link org.cosmoemu.api.NetworkModel}, and writes the HDF5 format.
 *
 * <p>The package-private readers underneath: {@code PickleReader} (a pickle interpreter that builds only data and
 * refuses any reference to code), {@code NpyReader} and {@code NpzReader} (numpy's array files),
 * {@code CosmoPowerFormats} (the four CosmoPower layouts) and {@code Hdf5ModelFile} (the SDK format, documented in
 * {@code emulator-cpu/MODEL-FORMAT.md}).
 */
package org.cosmoemu.cpu.io;
