/**
 * Models on disk: {@link lab.jielong.engine.io.Checkpoint} (the file format: magic, version,
 * configuration, vocabulary, weights, CRC-32) and {@link lab.jielong.engine.io.ShippedModels} (the plain
 * loader of the models that ship in {@code /models} on the classpath). Read after the core
 * {@link lab.jielong.engine}.
 */
package lab.jielong.engine.io;
