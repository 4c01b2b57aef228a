//! Procedural macros of rust2go. They parse with `rust2go-model` (the same parser the CLI and
//! the build helper use) and report its errors at the offending tokens. The glue that moves
//! data is generated into `OUT_DIR` by the build helper; these macros only declare the trait,
//! its `<Trait>Impl` and the delegation to that glue.

use proc_macro::TokenStream;
use proc_macro2::{Ident, Span, TokenStream as TokenStream2};
use quote::{format_ident, quote, quote_spanned};
use rust2go_model::{errors, Flavor, TraitArgs};

/// Marks a struct or enum that crosses the rust2go boundary.
#[proc_macro_derive(R2G)]
pub fn derive_r2g(input: TokenStream) -> TokenStream {
    let item = syn::parse_macro_input!(input as syn::Item);
    let out = match &item {
        syn::Item::Struct(s) => match rust2go_model::parse_struct(s) {
            Ok(_) => {
                let name = &s.ident;
                quote!(impl ::rust2go::R2G for #name {})
            }
            Err(e) => e.to_compile_errors(),
        },
        syn::Item::Enum(e) => match rust2go_model::parse_enum(e) {
            Ok(_) => {
                let name = &e.ident;
                quote!(impl ::rust2go::R2G for #name {})
            }
            Err(e) => e.to_compile_errors(),
        },
        syn::Item::Union(u) => syn::Error::new(u.union_token.span, "rust2go: unions are not supported").to_compile_error(),
        other => syn::Error::new_spanned(other, "rust2go: #[derive(R2G)] applies to structs").to_compile_error(),
    };
    out.into()
}

/// Includes the Rust glue that the build helper generated into `OUT_DIR`
/// (`_go_bindings.rs` unless a file name is given).
#[proc_macro]
pub fn r2g_include_binding(input: TokenStream) -> TokenStream {
    let input = TokenStream2::from(input);
    let name = if input.is_empty() {
        quote!("_go_bindings.rs")
    } else {
        match syn::parse2::<syn::LitStr>(input) {
            Ok(l) => quote!(#l),
            Err(e) => return e.to_compile_error().into(),
        }
    };
    quote!(include!(concat!(env!("OUT_DIR"), "/", #name));).into()
}

/// Declares calls from Rust into Go. See the crate documentation of `rust2go`.
#[proc_macro_attribute]
pub fn r2g(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut item = syn::parse_macro_input!(input as syn::ItemTrait);
    let args = match TraitArgs::parse(args.into()) {
        Ok(a) => a,
        Err(e) => return e.to_compile_error().into(),
    };
    let def = match rust2go_model::parse_trait(&item, args) {
        Ok(d) => d,
        Err(e) => return e.to_compile_errors().into(),
    };
    expand_r2g(&mut item, &def).into()
}

fn strip_method_attrs(item: &mut syn::ItemTrait) {
    for ti in &mut item.items {
        if let syn::TraitItem::Fn(f) = ti {
            f.attrs.retain(|a| {
                !a.path().get_ident().map(|i| errors::METHOD_ATTRS.contains(&i.to_string().as_str())).unwrap_or(false)
            });
        }
    }
}

fn expand_r2g(item: &mut syn::ItemTrait, def: &rust2go_model::TraitDef) -> TokenStream2 {
    strip_method_attrs(item);
    let vis = item.vis.clone();
    let trait_ident = item.ident.clone();
    let impl_ident = format_ident!("{}Impl", trait_ident);
    let binding = Ident::new(&def.binding, Span::call_site());
    // Checked before the signatures are rewritten, so errors point at what the user wrote.
    let assert_tokens = r2g_asserts(item);

    let mut methods = Vec::new();
    let fns = item.items.iter_mut().filter_map(|ti| match ti {
        syn::TraitItem::Fn(f) => Some(f),
        _ => None,
    });
    for (f, m) in fns.zip(&def.methods) {
        let glue = format_ident!("{}__{}", def.name, m.name);
        let args: Vec<Ident> = m.params.iter().map(|p| Ident::new(&p.name, Span::call_site())).collect();
        if m.flavor == Flavor::Sync {
            let sig = &f.sig;
            methods.push(quote!(#sig { #binding::#glue(#(#args),*) }));
            continue;
        }
        // Async: the impl returns the glue's future (`'static`, `Send + Sync` when the result
        // is); the trait keeps the user's spelling unless an attribute changes the type.
        let out = future_output(&f.sig);
        let out = if m.attrs.drop_safe_ret {
            let tys = f.sig.inputs.iter().filter_map(|i| match i {
                syn::FnArg::Typed(pt) => Some(&pt.ty),
                _ => None,
            });
            quote!((#out, (#(#tys,)*)))
        } else {
            out
        };
        // `async fn` becomes `-> impl Future + Send + Sync`: the glue's future always is (the
        // arguments were copied by Go), so generic callers may rely on it. A method written as
        // `-> impl Future` keeps exactly the bounds its author wrote, unless `#[send]`.
        let rewrite = f.sig.asyncness.is_some() || m.attrs.send || m.attrs.drop_safe_ret;
        let bounds = if rewrite { quote!(+ ::core::marker::Send + ::core::marker::Sync) } else { quote!() };
        let ret: syn::ReturnType = syn::parse_quote!(-> impl ::core::future::Future<Output = #out> #bounds);
        if rewrite {
            f.sig.asyncness = None;
            f.sig.output = ret.clone();
        }
        let mut sig = f.sig.clone();
        sig.asyncness = None;
        sig.output = ret;
        methods.push(quote!(#sig { #binding::#glue(#(#args),*) }));
    }

    quote! {
        #item

        /// Calls the Go implementation of
        #[doc = concat!("[`", stringify!(#trait_ident), "`].")]
        #[derive(Clone, Copy, Debug, Default)]
        #vis struct #impl_ident;

        impl #trait_ident for #impl_ident {
            #(#methods)*
        }

        #assert_tokens
    }
}

/// The `T` of `async fn f() -> T` or `fn f() -> impl Future<Output = T>` (`()` when absent).
fn future_output(sig: &syn::Signature) -> TokenStream2 {
    match &sig.output {
        syn::ReturnType::Default => quote!(()),
        syn::ReturnType::Type(_, ty) => {
            if let syn::Type::ImplTrait(it) = &**ty {
                for b in &it.bounds {
                    if let syn::TypeParamBound::Trait(tb) = b {
                        if let Some(syn::PathArguments::AngleBracketed(a)) = tb.path.segments.last().map(|s| &s.arguments) {
                            for arg in &a.args {
                                if let syn::GenericArgument::AssocType(at) = arg {
                                    let t = &at.ty;
                                    return quote!(#t);
                                }
                            }
                        }
                    }
                }
            }
            quote!(#ty)
        }
    }
}

/// `R2G` bound checks for every non-builtin type name in the trait's signatures, spanned at
/// the type, so a missing derive is reported where the type is used.
fn r2g_asserts(item: &syn::ItemTrait) -> TokenStream2 {
    let mut out = TokenStream2::new();
    let mut visit = |ty: &syn::Type| collect_struct_paths(ty, &mut out);
    for ti in &item.items {
        if let syn::TraitItem::Fn(f) = ti {
            for input in &f.sig.inputs {
                if let syn::FnArg::Typed(pt) = input {
                    visit(&pt.ty);
                }
            }
            if let syn::ReturnType::Type(_, t) = &f.sig.output {
                visit(t);
            }
        }
    }
    out
}

fn collect_struct_paths(ty: &syn::Type, out: &mut TokenStream2) {
    match ty {
        syn::Type::Reference(r) => collect_struct_paths(&r.elem, out),
        syn::Type::Paren(p) => collect_struct_paths(&p.elem, out),
        syn::Type::Array(a) => collect_struct_paths(&a.elem, out),
        syn::Type::Tuple(t) => t.elems.iter().for_each(|e| collect_struct_paths(e, out)),
        syn::Type::ImplTrait(it) => {
            for b in &it.bounds {
                if let syn::TypeParamBound::Trait(tb) = b {
                    if let Some(seg) = tb.path.segments.last() {
                        if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                            for arg in &a.args {
                                if let syn::GenericArgument::AssocType(at) = arg {
                                    collect_struct_paths(&at.ty, out);
                                }
                            }
                        }
                    }
                }
            }
        }
        syn::Type::Path(tp) => {
            let Some(seg) = tp.path.segments.last() else { return };
            match &seg.arguments {
                syn::PathArguments::AngleBracketed(a) => {
                    for arg in &a.args {
                        if let syn::GenericArgument::Type(inner) = arg {
                            collect_struct_paths(inner, out);
                        }
                    }
                }
                _ => {
                    let name = seg.ident.to_string();
                    if name != "String" && name != "char" && rust2go_model::Prim::from_rust(&name).is_none() {
                        let span = seg.ident.span();
                        out.extend(quote_spanned! {span=>
                            const _: fn() = || {
                                fn must_derive_r2g<T: ::rust2go::R2G + ?Sized>() {}
                                must_derive_r2g::<#tp>();
                            };
                        });
                    }
                }
            }
        }
        _ => {}
    }
}
