/**
 * ARI models, one record per model of the API declarations; generated except {@link io.github.arispring.model.AriDateTime}.
 */
package io.github.arispring.model;
